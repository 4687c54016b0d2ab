//! The parsed doc: what one RST file says, as written, before any overlay.
//!
//! These types keep the doc's own words (names with braces, types like
//! `csapi:string`, the Required marker as a flag) and the line each item came from,
//! so later stages can point back into the file.

use serde::Serialize;

/// One API-reference doc, read from one `.rst` file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParsedDoc {
    /// The file as the user named it.
    pub file: String,
    /// The title, e.g. `Update Server` (the part before ` -  OpenStack ...`).
    pub title: String,
    /// `PUT`, `GET`, ...
    pub method: String,
    /// `/v2.1/{tenant_id}/servers/{server_id}`
    pub path: String,
    /// Line of the `METHOD /path` line.
    pub method_line: usize,
    /// The prose between the method line and the first table, joined into paragraphs.
    pub description: String,
    /// Tables in document order.
    pub tables: Vec<Table>,
    /// JSON examples in document order.
    pub examples: Vec<Example>,
}

/// What a table lists, from the sentence that introduces it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TableKind {
    /// The response codes and their names.
    ResponseCodes,
    /// The path's `{placeholders}`.
    Uri,
    /// The query string's parameters.
    Query,
    /// The request body's fields.
    RequestBody,
    /// The response body's fields.
    ResponseBody,
}

/// One grid table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    /// What the table lists.
    pub kind: TableKind,
    /// Line of the table's first border.
    pub line: usize,
    /// The rows, in document order.
    pub rows: Vec<Row>,
}

/// One table row (empty rows are skipped by the reader).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Row {
    /// A row of a parameter table.
    Param(ParamRow),
    /// A row of the response-code table.
    Code(CodeRow),
}

/// A row of a URI, query or body parameter table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParamRow {
    /// As written, fragments joined without spaces; braces kept for URI parameters.
    pub name: String,
    /// As written without the `*(Required)*` marker, e.g. `csapi:string`; may be empty.
    #[serde(rename = "type")]
    pub ty: String,
    /// True only when the doc says `*(Required)*`.
    pub required: bool,
    /// Description fragments joined with single spaces.
    #[serde(skip)]
    pub description: String,
    /// Line of the row's first text line.
    #[serde(skip)]
    pub line: usize,
}

/// A row of the response-code table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CodeRow {
    /// The Response Code column as written (checked later, by the model).
    pub code: String,
    /// The Name column, fragments joined with single spaces.
    pub name: String,
    /// The Description column, fragments joined with single spaces.
    #[serde(skip)]
    pub description: String,
    /// Line of the row's first text line.
    #[serde(skip)]
    pub line: usize,
}

/// Whether an example shows a request or a response body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExampleKind {
    /// A request body.
    Request,
    /// A response body.
    Response,
}

/// A `**Example ...: JSON request|response**` block.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Example {
    /// The title between `Example` and `: JSON ...`, e.g. `Update server name`.
    pub title: String,
    /// From the enclosing `Request`/`Response` section, else from the heading.
    pub kind: ExampleKind,
    /// What the heading says (`: JSON request`), if anything; may contradict `kind`.
    pub label: Option<ExampleKind>,
    /// Line of the `**Example ...**` heading.
    pub line: usize,
    /// Line of the first line of JSON text (0 when the block is empty).
    pub body_line: usize,
    /// The parsed JSON; `None` when the block is empty.
    pub value: Option<serde_json::Value>,
}

impl TableKind {
    /// The name `apiref inspect` prints (and serde writes): `response_codes`, `uri`,
    /// `query`, `request_body`, `response_body`.
    pub fn name(self) -> &'static str {
        match self {
            TableKind::ResponseCodes => "response_codes",
            TableKind::Uri => "uri",
            TableKind::Query => "query",
            TableKind::RequestBody => "request_body",
            TableKind::ResponseBody => "response_body",
        }
    }
}

impl Table {
    /// The parameter rows of this table (none for a response-code table).
    pub fn params(&self) -> impl Iterator<Item = &ParamRow> {
        self.rows.iter().filter_map(|r| match r {
            Row::Param(p) => Some(p),
            Row::Code(_) => None,
        })
    }

    /// The response-code rows of this table.
    pub fn codes(&self) -> impl Iterator<Item = &CodeRow> {
        self.rows.iter().filter_map(|r| match r {
            Row::Code(c) => Some(c),
            Row::Param(_) => None,
        })
    }
}

impl ParsedDoc {
    /// All tables of one kind, in document order.
    pub fn tables_of(&self, kind: TableKind) -> impl Iterator<Item = &Table> {
        self.tables.iter().filter(move |t| t.kind == kind)
    }

    /// All parameter rows of one kind of table, in document order.
    pub fn params_of(&self, kind: TableKind) -> impl Iterator<Item = &ParamRow> {
        self.tables_of(kind).flat_map(Table::params)
    }

    /// The examples of one kind, in document order.
    pub fn examples_of(&self, kind: ExampleKind) -> impl Iterator<Item = &Example> {
        self.examples.iter().filter(move |e| e.kind == kind)
    }
}
