//! Command-line arguments: small enough to parse by hand.

pub const USAGE: &str = "usage:
  apiref generate PATH... [-o FILE]
  apiref check PATH... FILE
  apiref inspect PATH...
  apiref lint PATH...

PATH is a spec doc (.rst) or a folder of them; overlays beside docs are read too.";

/// A parsed command line.
#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    Generate {
        paths: Vec<String>,
        output: Option<String>,
    },
    Check {
        paths: Vec<String>,
        file: String,
    },
    Inspect {
        paths: Vec<String>,
    },
    Lint {
        paths: Vec<String>,
    },
    Help,
}

pub fn parse(argv: &[String]) -> Result<Command, String> {
    let (sub, rest) = argv.split_first().ok_or("missing command")?;
    match sub.as_str() {
        "generate" => {
            let mut paths = Vec::new();
            let mut output = None;
            let mut it = rest.iter();
            while let Some(arg) = it.next() {
                match arg.as_str() {
                    "-o" | "--output" => {
                        output = Some(it.next().ok_or("-o needs a file")?.clone());
                    }
                    flag if flag.starts_with('-') && flag != "-" => {
                        return Err(format!("unknown option `{flag}`"));
                    }
                    path => paths.push(path.to_string()),
                }
            }
            if paths.is_empty() {
                return Err("generate needs at least one PATH".into());
            }
            Ok(Command::Generate { paths, output })
        }
        "check" => {
            let (file, paths) = rest.split_last().ok_or("check needs PATH... FILE")?;
            if paths.is_empty() {
                return Err("check needs PATH... FILE".into());
            }
            Ok(Command::Check {
                paths: paths.to_vec(),
                file: file.clone(),
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
        "-h" | "--help" | "help" => Ok(Command::Help),
        other => Err(format!("unknown command `{other}`")),
    }
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
                output: Some("out.rs".into())
            })
        );
        assert_eq!(
            parse(&args("check a.rst b.rst out.rs")),
            Ok(Command::Check {
                paths: vec!["a.rst".into(), "b.rst".into()],
                file: "out.rs".into()
            })
        );
        assert_eq!(
            parse(&args("lint a.rst spec")),
            Ok(Command::Lint {
                paths: vec!["a.rst".into(), "spec".into()]
            })
        );
        assert!(parse(&args("lint")).is_err());
        assert!(parse(&args("lint a.rst --bogus")).is_err());
        assert!(parse(&args("check out.rs")).is_err());
        assert!(parse(&args("generate")).is_err());
        assert!(parse(&args("generate x --bogus")).is_err());
        assert!(parse(&args("frobnicate")).is_err());
        assert!(parse(&[]).is_err());
    }
}
