//! Operations and parameters as the os-api-ref reader gives them, for the
//! model's tests: building an endpoint and placing a parameter read the same
//! parsed form.

use std::sync::Arc;

use crate::microversion::Microversion;
use crate::parse::ExampleKind;
use crate::parse::os_api_ref::{In, Operation, ParamUse, Parameter, Sample, Section, StatusCode};

/// `name`, listed at `a.inc:10:5`, its `parameters.yaml` entry at line 40:
/// required, of type `ty`, described as `about {name}`, with the `in:`
/// `location` (none when the entry gives none) and the `min_version` `min`.
pub fn param_use(
    name: &str,
    ty: &str,
    section: Section,
    location: Option<In>,
    min: Option<&str>,
) -> ParamUse {
    ParamUse {
        name: name.into(),
        key: format!("{name}_key"),
        file: "a.inc".into(),
        line: 10,
        column: 5,
        section,
        parameter: Arc::new(Parameter {
            key: format!("{name}_key"),
            file: "parameters.yaml".into(),
            line: 40,
            location,
            required: true,
            ty: ty.into(),
            description: format!("about {name}"),
            min_version: min.map(|v| Microversion::parse(v).expect("a microversion")),
            max_version: None,
            format: None,
        }),
    }
}

/// `method path` at `a.inc:3`, answering 200, with `params` and a sample of each
/// (kind, value).
pub fn operation(
    method: &str,
    path: &str,
    params: Vec<ParamUse>,
    samples: Vec<(ExampleKind, serde_json::Value)>,
) -> Operation {
    Operation {
        file: "a.inc".into(),
        line: 3,
        title: "Show Server".into(),
        method: method.into(),
        path: path.into(),
        description: "Shows.".into(),
        codes: vec![StatusCode {
            code: 200,
            name: String::new(),
            success: true,
            line: 5,
        }],
        versioned_fields: true,
        params,
        samples: samples
            .into_iter()
            .map(|(kind, value)| Sample {
                title: "Example".into(),
                microversion: None,
                kind,
                file: "a.inc".into(),
                line: 20,
                include: "x.json".into(),
                path: "x.json".into(),
                value: Some(value),
            })
            .collect(),
    }
}
