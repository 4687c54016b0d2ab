"""Work around a start-up quirk of ../shared/nova-harness (read-only to us).

scripts/services/nova.sh puts this folder on PYTHONPATH, so Python imports this
file at start-up, before the harness runs.

Why: the harness runs Nova inside Nova's functional-test fixtures, and
nova.tests.fixtures.WarningsFixture turns every SQLAlchemy deprecation warning
raised from a `nova` module into an exception:

    warnings.filterwarnings('error', module='nova',
                            category=sqla_exc.SADeprecationWarning)

Nova 34 still calls the deprecated `orm.noload()` when it lazy-loads
`instance.services`, which the server view does to compute `host_status` (shown
to admins from microversion 2.75 on, including in the Update Server reply). So
every admin PUT /servers/{id} at >= 2.75 failed with
`500 computeFault ... <class 'sqlalchemy.exc.SADeprecationWarning'>`. A real
nova-api only logs such a warning once; this makes the harness do the same.

How: the fixture calls `warnings.filterwarnings` when the harness sets it up; we
wrap that function so that an 'error' action for SADeprecationWarning becomes
'ignore'. Nothing is imported early (importing nova or sqlalchemy here would run
before the harness's eventlet monkey-patching), and every other filter,
including the fixture's other 'error' filters, is left as it is.
"""

import warnings

_filterwarnings = warnings.filterwarnings


def _filterwarnings_without_sa_errors(action, message="", category=Warning,
                                      module="", lineno=0, append=False):
    if action == "error" and getattr(category, "__name__", "") == "SADeprecationWarning":
        action = "ignore"
    return _filterwarnings(action, message, category, module, lineno, append)


warnings.filterwarnings = _filterwarnings_without_sa_errors


def _run_shadowed_sitecustomize():
    """Run the sitecustomize this file shadows on sys.path, if there is one."""
    import importlib.machinery
    import importlib.util
    import os
    import sys

    here = os.path.dirname(os.path.abspath(__file__))
    rest = [p for p in sys.path if os.path.abspath(p or ".") != here]
    spec = importlib.machinery.PathFinder.find_spec("sitecustomize", rest)
    if spec is not None and spec.loader is not None:
        spec.loader.exec_module(importlib.util.module_from_spec(spec))


_run_shadowed_sitecustomize()
