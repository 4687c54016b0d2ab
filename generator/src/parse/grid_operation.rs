//! A grid-table doc as the one parsed form: its tables become parameters, its
//! examples samples and its response-code rows statuses, so the model has one
//! builder whichever reader read the reference.

use std::path::PathBuf;
use std::sync::Arc;

use crate::diagnostic::{Ctxt, DiagnosticKind, Severity};

use super::doc::{ParsedDoc, Row, TableKind};
use super::os_api_ref::{In, Operation, ParamUse, Parameter, Sample, Section, StatusCode};

/// The operation a grid-table doc describes. A response code that is no HTTP
/// status is an error at its row (reported into `cx`) and left out.
pub fn operation_of(cx: &Ctxt, doc: &ParsedDoc) -> Operation {
    let out = cx.file(
        &doc.file,
        DiagnosticKind::ModelError,
        DiagnosticKind::ModelError,
    );
    let file: Arc<str> = Arc::from(doc.file.as_str());
    let mut codes: Vec<StatusCode> = Vec::new();
    let mut params = Vec::new();
    for table in &doc.tables {
        let (location, section) = match table.kind {
            TableKind::ResponseCodes => {
                for row in table.codes() {
                    match row.code.trim().parse::<u16>() {
                        Ok(code) if (100..600).contains(&code) => {
                            if !codes.iter().any(|c| c.code == code) {
                                codes.push(StatusCode {
                                    code,
                                    name: row.name.clone(),
                                    success: code < 400,
                                    line: row.line,
                                });
                            }
                        }
                        _ => out.report(
                            Severity::Error,
                            DiagnosticKind::BadResponseCode,
                            row.line,
                            2,
                            format!("response code `{}` is not an HTTP status", row.code),
                        ),
                    }
                }
                continue;
            }
            TableKind::Uri => (In::Path, Section::Request),
            TableKind::Query => (In::Query, Section::Request),
            TableKind::RequestBody => (In::Body, Section::Request),
            TableKind::ResponseBody => (In::Body, Section::Response),
        };
        for row in &table.rows {
            let Row::Param(row) = row else { continue };
            let name = match location {
                In::Path => row.name.trim_matches(|c| c == '{' || c == '}'),
                _ => row.name.as_str(),
            };
            params.push(ParamUse {
                name: name.to_string(),
                key: String::new(),
                file: doc.file.clone(),
                line: row.line,
                column: 1,
                section,
                parameter: Arc::new(Parameter {
                    key: String::new(),
                    file: Arc::clone(&file),
                    line: row.line,
                    location: Some(location),
                    required: row.required,
                    ty: row.ty.clone(),
                    description: row.description.clone(),
                    min_version: None,
                    max_version: None,
                    format: None,
                }),
            });
        }
    }
    let samples = doc
        .examples
        .iter()
        .map(|e| Sample {
            title: e.title.clone(),
            microversion: None,
            kind: e.kind,
            file: doc.file.clone(),
            line: e.line,
            include: String::new(),
            path: PathBuf::new(),
            value: e.value.clone(),
        })
        .collect();
    Operation {
        file: doc.file.clone(),
        line: doc.method_line,
        title: doc.title.clone(),
        method: doc.method.clone(),
        path: doc.path.clone(),
        description: doc.description.clone(),
        codes,
        params,
        samples,
        versioned_fields: false,
    }
}
