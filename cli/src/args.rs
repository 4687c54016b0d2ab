//! Command-line arguments: small enough to parse by hand.

pub const USAGE: &str = "usage:
  apiref generate PATH... [-o FILE] [--runtime-path PATH] [--only NAME[,NAME...]]...
  apiref check PATH... FILE [--runtime-path PATH] [--only NAME[,NAME...]]...
  apiref inspect PATH...
  apiref lint PATH...
  apiref list PATH... [--json]
  apiref learn PATH... --replies DIR [--write]

PATH is a spec doc (.rst) or a folder of them; overlays beside docs are read too.
`list` prints every operation's Rust path, method, path, microversions and title.
`learn` compares replies a client recorded (APIREF_RECORD=DIR) with the types and
prints overlay entries for what they contradict; --write merges them into the
overlay named among the PATHs (a `.toml` file).
--runtime-path names the runtime in the generated code (default ::apiref::runtime;
`crate` inside the runtime itself). --only keeps just the named operations.";

/// How `generate` and `check` shape the code (the same for both, so `check`
/// compares against exactly what `generate` wrote).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct CodeOptions {
    pub runtime_path: Option<String>,
    pub only: Vec<String>,
}

/// A parsed command line.
#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    Generate {
        paths: Vec<String>,
        output: Option<String>,
        options: CodeOptions,
    },
    Check {
        paths: Vec<String>,
        file: String,
        options: CodeOptions,
    },
    Inspect {
        paths: Vec<String>,
    },
    Lint {
        paths: Vec<String>,
    },
    List {
        paths: Vec<String>,
        json: bool,
    },
    Learn {
        paths: Vec<String>,
        replies: String,
        write: bool,
    },
    Help,
}

pub fn parse(argv: &[String]) -> Result<Command, String> {
    let (sub, rest) = argv.split_first().ok_or("missing command")?;
    match sub.as_str() {
        "generate" => {
            let (paths, output, options) = code_args(rest, true)?;
            if paths.is_empty() {
                return Err("generate needs at least one PATH".into());
            }
            Ok(Command::Generate {
                paths,
                output,
                options,
            })
        }
        "check" => {
            let (mut paths, _, options) = code_args(rest, false)?;
            let file = paths.pop().ok_or("check needs PATH... FILE")?;
            if paths.is_empty() {
                return Err("check needs PATH... FILE".into());
            }
            Ok(Command::Check {
                paths,
                file,
                options,
            })
        }
        "inspect" => {
            if rest.is_empty() {
                return Err("inspect needs at least one PATH".into());
            }
            Ok(Command::Inspect {
                paths: rest.to_vec(),
            })
        }
        "lint" => {
            if let Some(flag) = rest
                .iter()
                .find(|a| a.starts_with('-') && a.as_str() != "-")
            {
                return Err(format!("unknown option `{flag}`"));
            }
            if rest.is_empty() {
                return Err("lint needs at least one PATH".into());
            }
            Ok(Command::Lint {
                paths: rest.to_vec(),
            })
        }
        "list" => {
            let json = rest.iter().any(|a| a == "--json");
            let paths: Vec<String> = rest.iter().filter(|a| *a != "--json").cloned().collect();
            if let Some(flag) = paths
                .iter()
                .find(|a| a.starts_with('-') && a.as_str() != "-")
            {
                return Err(format!("unknown option `{flag}`"));
            }
            if paths.is_empty() {
                return Err("list needs at least one PATH".into());
            }
            Ok(Command::List { paths, json })
        }
        "learn" => {
            let mut paths = Vec::new();
            let mut replies = None;
            let mut write = false;
            let mut it = rest.iter();
            while let Some(arg) = it.next() {
                match arg.as_str() {
                    "--replies" => replies = Some(it.next().ok_or("--replies needs a folder")?),
                    "--write" => write = true,
                    flag if flag.starts_with('-') && flag != "-" => {
                        return Err(format!("unknown option `{flag}`"));
                    }
                    path => paths.push(path.to_owned()),
                }
            }
            let replies = replies.ok_or("learn needs --replies DIR")?.clone();
            if paths.is_empty() {
                return Err("learn needs at least one PATH".into());
            }
            if write && !paths.iter().any(|p| p.ends_with(".toml")) {
                return Err("learn --write needs the overlay to write among the PATHs".into());
            }
            Ok(Command::Learn {
                paths,
                replies,
                write,
            })
        }
        "-h" | "--help" | "help" => Ok(Command::Help),
        other => Err(format!("unknown command `{other}`")),
    }
}

/// The positional arguments, `-o FILE` (when `output` is allowed) and the
/// [`CodeOptions`] of `generate` and `check`.
fn code_args(
    rest: &[String],
    output_allowed: bool,
) -> Result<(Vec<String>, Option<String>, CodeOptions), String> {
    let mut paths = Vec::new();
    let mut output = None;
    let mut options = CodeOptions::default();
    let mut it = rest.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "-o" | "--output" if output_allowed => {
                output = Some(it.next().ok_or("-o needs a file")?.clone());
            }
            "--runtime-path" => {
                let path = it.next().ok_or("--runtime-path needs a path")?;
                options.runtime_path = Some(path.clone());
            }
            "--only" => {
                let names = it.next().ok_or("--only needs operation names")?;
                options.only.extend(
                    names
                        .split(',')
                        .map(str::trim)
                        .filter(|n| !n.is_empty())
                        .map(str::to_owned),
                );
            }
            flag if flag.starts_with('-') && flag != "-" => {
                return Err(format!("unknown option `{flag}`"));
            }
            path => paths.push(path.to_string()),
        }
    }
    Ok((paths, output, options))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn parses_each_command() {
        assert_eq!(
            parse(&args("generate spec/compute -o out.rs")),
            Ok(Command::Generate {
                paths: vec!["spec/compute".into()],
                output: Some("out.rs".into()),
                options: CodeOptions::default(),
            })
        );
        assert_eq!(
            parse(&args("check a.rst b.rst out.rs")),
            Ok(Command::Check {
                paths: vec!["a.rst".into(), "b.rst".into()],
                file: "out.rs".into(),
                options: CodeOptions::default(),
            })
        );
        assert_eq!(
            parse(&args(
                "check --runtime-path crate ref --only a,b ref.toml --only c out.rs"
            )),
            Ok(Command::Check {
                paths: vec!["ref".into(), "ref.toml".into()],
                file: "out.rs".into(),
                options: CodeOptions {
                    runtime_path: Some("crate".into()),
                    only: vec!["a".into(), "b".into(), "c".into()],
                },
            })
        );
        assert_eq!(
            parse(&args("lint a.rst spec")),
            Ok(Command::Lint {
                paths: vec!["a.rst".into(), "spec".into()]
            })
        );
        assert_eq!(
            parse(&args("list ref ref.toml --json")),
            Ok(Command::List {
                paths: vec!["ref".into(), "ref.toml".into()],
                json: true,
            })
        );
        assert_eq!(
            parse(&args("list spec")),
            Ok(Command::List {
                paths: vec!["spec".into()],
                json: false,
            })
        );
        assert_eq!(
            parse(&args("learn ref ref.api-ref.toml --replies rec --write")),
            Ok(Command::Learn {
                paths: vec!["ref".into(), "ref.api-ref.toml".into()],
                replies: "rec".into(),
                write: true,
            })
        );
        assert!(parse(&args("learn ref")).is_err());
        assert!(parse(&args("learn ref --replies rec --write")).is_err());
        assert!(parse(&args("learn --replies rec")).is_err());
        assert!(parse(&args("list --json")).is_err());
        assert!(parse(&args("list spec --bogus")).is_err());
        assert!(parse(&args("lint")).is_err());
        assert!(parse(&args("lint a.rst --bogus")).is_err());
        assert!(parse(&args("check out.rs")).is_err());
        assert!(parse(&args("generate")).is_err());
        assert!(parse(&args("generate x --bogus")).is_err());
        assert!(parse(&args("generate x --only")).is_err());
        assert!(parse(&args("check x -o y out.rs")).is_err());
        assert!(parse(&args("frobnicate")).is_err());
        assert!(parse(&[]).is_err());
    }
}
