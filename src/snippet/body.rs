//! The shape of a vendor's error body, built from its catalog's `envelope`, for the language
//! writers to turn into a type (a serde struct, an interface, a dataclass, a record).
//!
//! The envelope names dotted paths (`errResponse.code`); the shape nests them into objects, so
//! MantaGO's body is `{ success, errResponse: { code, message, botId } }`. Keys stay exactly as
//! the API sends them; each writer maps them to a field name of its own case and keeps the key
//! for (de)serialisation. Every field is optional: a body that lacks one still parses.

use super::CodeType;
use crate::catalog::{Envelope, Flag};

/// One object of the body: the body itself, a nested object or the item type of a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Shape {
    /// The type's name for the languages that need one: `PixnetErrorBody`,
    /// `MantagoErrorBodyErrResponse`, `GuoGuoErrorBodyValidationFailedResponsesItem`.
    pub name: String,
    pub fields: Vec<Field>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Field {
    /// The key exactly as the API sends it (`ErrorCode`, `result_code`, `botId`).
    pub key: String,
    /// The key split into lower-case words (`["error", "code"]`), for each language's case.
    pub words: Vec<String>,
    pub ty: FieldType,
    pub role: Role,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum FieldType {
    /// A code, typed as the unit's codes are (an integer or a string).
    Code(CodeType),
    Text,
    /// What the flag holds, judged from the value that marks an error.
    Flag(FlagType),
    Object(Shape),
    /// An array of objects (Guo-Guo's `validation_failed_responses`).
    List(Shape),
    /// A value the catalog names but does not type (an `extra` path): any JSON value.
    Any,
}

/// How a language writes the type of a body's field; `{}` stands for a nested type's name.
pub(super) struct Spelling<'a> {
    /// A code, in a unit of integer codes.
    pub int_code: &'a str,
    /// A code in a unit of string codes, a text, or a flag that holds text.
    pub text: &'a str,
    /// A flag that holds a number (error unless zero).
    pub number: &'a str,
    /// A flag that holds a bool.
    pub bool: &'a str,
    /// A nested object.
    pub object: &'a str,
    /// A list of nested objects.
    pub list: &'a str,
    /// A value of any JSON type.
    pub any: &'a str,
}

impl FieldType {
    /// The field's type as `spelling` writes it, a nested type by its name.
    pub fn spelled(&self, spelling: &Spelling) -> String {
        self.spelled_naming(spelling, |shape| shape.name.clone())
    }

    /// [`FieldType::spelled`], a nested type named `name`.
    pub fn spelled_naming(&self, spelling: &Spelling, name: impl Fn(&Shape) -> String) -> String {
        let nested = |template: &str, inner: &Shape| template.replace("{}", &name(inner));
        match self {
            FieldType::Code(CodeType::Int) => spelling.int_code.to_string(),
            FieldType::Code(CodeType::Str)
            | FieldType::Text
            | FieldType::Flag(FlagType::Text { .. }) => spelling.text.to_string(),
            FieldType::Flag(FlagType::NonZero) => spelling.number.to_string(),
            FieldType::Flag(FlagType::Bool { .. }) => spelling.bool.to_string(),
            FieldType::Object(inner) => nested(spelling.object, inner),
            FieldType::List(inner) => nested(spelling.list, inner),
            FieldType::Any => spelling.any.to_string(),
        }
    }
}

/// The flag's JSON type and the value that says "error".
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum FlagType {
    /// `success: false` (error when the bool equals `error_when`).
    Bool { error_when: bool },
    /// `error: 1` (error when the number is not zero).
    NonZero,
    /// `ActionStatus: "FAIL"` (error when the string equals this, ignoring ASCII case).
    Text { error_when: String },
}

/// Where an object finds the flag that says its body reports an error.
pub(super) struct FlagAt<'s> {
    /// The fields leading to the flag, outermost first, the flag last.
    pub path: Vec<&'s Field>,
    /// The flag's key as the API sends it.
    pub key: &'s str,
    pub ty: &'s FlagType,
}

/// How a language tests the flag that says a body reports an error: a template for each kind
/// of flag, where `{value}` stands for the flag's value, `{text}` for the text that means error
/// as a literal, `{lower}` for that text in lower case.
pub(super) struct FlagTests<'a> {
    /// A bool flag that means error when true.
    pub is_true: &'a str,
    /// A bool flag that means error when false.
    pub is_false: &'a str,
    /// A number that means error unless zero.
    pub nonzero: &'a str,
    /// A text that means error when it equals `{text}`, ignoring case.
    pub text: &'a str,
}

impl FlagType {
    /// The test of the flag `value` by `tests`, texts written as `literal` writes them.
    pub fn test(&self, value: &str, tests: &FlagTests, literal: fn(&str) -> String) -> String {
        let (template, text, lower) = match self {
            FlagType::Bool { error_when: true } => (tests.is_true, String::new(), String::new()),
            FlagType::Bool { error_when: false } => (tests.is_false, String::new(), String::new()),
            FlagType::NonZero => (tests.nonzero, String::new(), String::new()),
            FlagType::Text { error_when } => (
                tests.text,
                literal(error_when),
                literal(&error_when.to_lowercase()),
            ),
        };
        let values = [("{value}", value), ("{text}", &text), ("{lower}", &lower)];
        super::fill(template, &values)
    }
}

/// What a field means to the generated code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    /// The code `error()` maps to the enum (the top-level one; an item's code in items).
    Code,
    Message,
    /// The field `is_error()` reads.
    Flag,
    /// The list of nested errors.
    Items,
    /// The key naming the request field an item is about (`property_name`).
    Field,
    Extra,
}

impl Shape {
    /// The fields leading to the first field of `role`, outermost first, through nested
    /// objects (not into lists): `[errResponse, code]` for MantaGO's code. Empty when the
    /// shape has no such field.
    pub fn path_to(&self, role: Role) -> Vec<&Field> {
        for f in &self.fields {
            if f.role == role {
                return vec![f];
            }
            if let FieldType::Object(inner) = &f.ty {
                let mut rest = inner.path_to(role);
                if !rest.is_empty() {
                    rest.insert(0, f);
                    return rest;
                }
            }
        }
        Vec::new()
    }

    /// The path to the code `error()` maps to the enum, when this object holds one (as a field
    /// or in a nested object).
    pub fn code_path(&self) -> Option<Vec<&Field>> {
        let path = self.path_to(Role::Code);
        (!path.is_empty()).then_some(path)
    }

    /// The flag `is_error()` reads, when this object holds it (as a field or in a nested object).
    pub fn flag(&self) -> Option<FlagAt<'_>> {
        let path = self.path_to(Role::Flag);
        let flag: &Field = path.last().copied()?;
        let FieldType::Flag(ty) = &flag.ty else {
            return None;
        };
        Some(FlagAt {
            key: &flag.key,
            ty,
            path,
        })
    }

    /// The names of the fields along `path` (from [`Shape::path_to`]), each as `names` names
    /// the fields of the object that holds it (`names(object, depth)`): `["err_response",
    /// "code"]`. Each language joins them its own way (`?.`, `&.`, `.and_then(…)`).
    pub fn names_along(
        &self,
        path: &[&Field],
        names: impl Fn(&Shape, usize) -> Vec<String>,
    ) -> Vec<String> {
        let mut out = Vec::with_capacity(path.len());
        let mut current = self;
        for (depth, f) in path.iter().enumerate() {
            let at = current
                .fields
                .iter()
                .position(|g| std::ptr::eq(g, *f))
                .unwrap_or(0);
            out.push(names(current, depth).swap_remove(at));
            if let FieldType::Object(inner) = &f.ty {
                current = inner;
            }
        }
        out
    }

    /// Every object type of the body, this one first, then nested objects and list items in
    /// the order their fields appear: the types a language declares.
    pub fn types(&self) -> Vec<&Shape> {
        let mut out = vec![self];
        for f in &self.fields {
            if let FieldType::Object(inner) | FieldType::List(inner) = &f.ty {
                out.extend(inner.types());
            }
        }
        out
    }
}

/// What a body type's documentation calls it: `The error body` (the body itself, `root`) or
/// `Part of the error body`.
pub(super) fn described(root: bool) -> &'static str {
    if root {
        "The error body"
    } else {
        "Part of the error body"
    }
}

/// The body's shape, or `None` when the envelope's paths contradict each other (a path used
/// both as a value and as an object).
pub(super) fn shape(type_name: &str, envelope: &Envelope, code_type: CodeType) -> Option<Shape> {
    let mut root = Shape {
        name: format!("{type_name}Body"),
        fields: Vec::new(),
    };
    if let Some(flag) = &envelope.flag {
        insert(
            &mut root,
            &flag.path,
            FieldType::Flag(flag_type(flag)),
            Role::Flag,
        )?;
    }
    insert_error(
        &mut root,
        &envelope.code,
        envelope.message.as_deref(),
        code_type,
    )?;
    if let Some(items) = &envelope.items {
        let mut item = Shape {
            name: String::new(),
            fields: Vec::new(),
        };
        insert_error(&mut item, &items.code, items.message.as_deref(), code_type)?;
        if let Some(f) = &items.field {
            insert(&mut item, f, FieldType::Text, Role::Field)?;
        }
        insert(&mut root, &items.path, FieldType::List(item), Role::Items)?;
    }
    for extra in &envelope.extra {
        if lookup(&root, extra).is_none() {
            insert(&mut root, extra, FieldType::Any, Role::Extra)?;
        }
    }
    let mut used = foldhash::HashSet::default();
    used.insert(root.name.clone());
    name_nested(&mut root, &mut used);
    Some(root)
}

fn flag_type(flag: &Flag) -> FlagType {
    match flag.error_when.to_ascii_lowercase().as_str() {
        "false" => FlagType::Bool { error_when: false },
        "true" => FlagType::Bool { error_when: true },
        "nonzero" => FlagType::NonZero,
        _ => FlagType::Text {
            error_when: flag.error_when.clone(),
        },
    }
}

/// Puts an error's code and message (the body's own, or an item's) at their paths.
fn insert_error(shape: &mut Shape, code: &str, message: Option<&str>, ty: CodeType) -> Option<()> {
    insert(shape, code, FieldType::Code(ty), Role::Code)?;
    match message {
        Some(message) => insert(shape, message, FieldType::Text, Role::Message),
        None => Some(()),
    }
}

/// Puts a field at a dotted path, making the objects on the way.
fn insert(shape: &mut Shape, path: &str, ty: FieldType, role: Role) -> Option<()> {
    let (head, rest) = match path.split_once('.') {
        Some((h, r)) => (h, Some(r)),
        None => (path, None),
    };
    if head.is_empty() {
        return None;
    }
    let at = shape.fields.iter().position(|f| f.key == head);
    match (rest, at) {
        (None, None) => {
            shape.fields.push(field(head, ty, role));
            Some(())
        }
        // The same path twice (an `extra` repeating the code): the first meaning stays.
        (None, Some(_)) => Some(()),
        (Some(rest), None) => {
            let mut inner = Shape {
                name: String::new(),
                fields: Vec::new(),
            };
            insert(&mut inner, rest, ty, role)?;
            shape
                .fields
                .push(field(head, FieldType::Object(inner), Role::Extra));
            Some(())
        }
        (Some(rest), Some(i)) => match &mut shape.fields[i].ty {
            FieldType::Object(inner) => insert(inner, rest, ty, role),
            _ => None,
        },
    }
}

fn lookup<'s>(shape: &'s Shape, path: &str) -> Option<&'s Field> {
    let (head, rest) = match path.split_once('.') {
        Some((h, r)) => (h, Some(r)),
        None => (path, None),
    };
    let f = shape.fields.iter().find(|f| f.key == head)?;
    match (rest, &f.ty) {
        (None, _) => Some(f),
        (Some(rest), FieldType::Object(inner)) => lookup(inner, rest),
        _ => None,
    }
}

fn field(key: &str, ty: FieldType, role: Role) -> Field {
    Field {
        key: key.to_string(),
        words: key_words(key),
        ty,
        role,
    }
}

/// Names nested objects and list items after the path that leads to them, each name once in
/// the body (keys `a-b` and `a_b` both read `AB`: the second is `AB2`).
fn name_nested(shape: &mut Shape, used: &mut foldhash::HashSet<String>) {
    let parent = shape.name.clone();
    for f in &mut shape.fields {
        let part = super::naming::upper_camel(&f.words);
        let (inner, base) = match &mut f.ty {
            FieldType::Object(inner) => (inner, format!("{parent}{part}")),
            FieldType::List(inner) => (inner, format!("{parent}{part}Item")),
            _ => continue,
        };
        let mut name = base.clone();
        let mut n = 2;
        while !used.insert(name.clone()) {
            name = format!("{base}{n}");
            n += 1;
        }
        inner.name = name;
        name_nested(inner, used);
    }
}

/// `ErrorCode` → `error code`, `botId` → `bot id`, `result_code` → `result code`,
/// `X-Request-ID` → `x request id`; a key without letters or digits gives `field`.
pub(super) fn key_words(key: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = key.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            if !cur.is_empty() {
                words.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        let boundary = c.is_ascii_uppercase()
            && !cur.is_empty()
            && (prev.is_some_and(|p| p.is_ascii_lowercase() || p.is_ascii_digit())
                || next.is_some_and(|n| n.is_ascii_lowercase()));
        if boundary {
            words.push(std::mem::take(&mut cur));
        }
        cur.push(c.to_ascii_lowercase());
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    if words.is_empty() {
        words.push("field".into());
    }
    if words[0].starts_with(|c: char| c.is_ascii_digit()) {
        words.insert(0, "field".into());
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Items;

    fn envelope(json: &str) -> Envelope {
        serde_json::from_str(json).unwrap()
    }

    fn keys(s: &Shape) -> Vec<&str> {
        s.fields.iter().map(|f| f.key.as_str()).collect()
    }

    #[test]
    fn nested_paths_make_nested_objects() {
        let e = envelope(
            r#"{"code": "errResponse.code", "message": "errResponse.message",
                "flag": {"path": "success", "error_when": "false"}, "extra": ["errResponse.botId"]}"#,
        );
        let s = shape("MantagoError", &e, CodeType::Int).unwrap();
        assert_eq!(s.name, "MantagoErrorBody");
        assert_eq!(keys(&s), ["success", "errResponse"]);
        assert_eq!(
            s.fields[0].ty,
            FieldType::Flag(FlagType::Bool { error_when: false })
        );
        let FieldType::Object(inner) = &s.fields[1].ty else {
            panic!("{s:?}")
        };
        assert_eq!(inner.name, "MantagoErrorBodyErrResponse");
        assert_eq!(keys(inner), ["code", "message", "botId"]);
        assert_eq!(inner.fields[0].ty, FieldType::Code(CodeType::Int));
        assert_eq!(inner.fields[2].ty, FieldType::Any);
    }

    #[test]
    fn items_become_a_list_of_their_own_type() {
        let mut e =
            envelope(r#"{"code": "result_code", "message": "message", "extra": ["odata"]}"#);
        e.items = Some(Items {
            path: "validation_failed_responses".into(),
            code: "result_code".into(),
            message: Some("message".into()),
            field: Some("property_name".into()),
        });
        let s = shape("GuoGuoError", &e, CodeType::Str).unwrap();
        assert_eq!(
            keys(&s),
            [
                "result_code",
                "message",
                "validation_failed_responses",
                "odata"
            ]
        );
        let FieldType::List(item) = &s.fields[2].ty else {
            panic!()
        };
        assert_eq!(item.name, "GuoGuoErrorBodyValidationFailedResponsesItem");
        assert_eq!(keys(item), ["result_code", "message", "property_name"]);
        assert_eq!(item.fields[2].role, Role::Field);
    }

    #[test]
    fn paths_and_types_walk_nested_objects() {
        let e = envelope(
            r#"{"code": "errResponse.code", "flag": {"path": "success", "error_when": "false"}}"#,
        );
        let s = shape("M", &e, CodeType::Int).unwrap();
        let path: Vec<&str> = s
            .path_to(Role::Code)
            .iter()
            .map(|f| f.key.as_str())
            .collect();
        assert_eq!(path, ["errResponse", "code"]);
        assert_eq!(s.path_to(Role::Flag)[0].key, "success");
        assert!(s.path_to(Role::Items).is_empty());
        let names: Vec<&str> = s.types().iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["MBody", "MBodyErrResponse"]);
    }

    #[test]
    fn nested_types_whose_keys_read_alike_get_names_of_their_own() {
        let e = envelope(
            r#"{"code": "a-b.code", "message": "a_b.message", "extra": ["aB.x", "a-b-item.y"]}"#,
        );
        let s = shape("M", &e, CodeType::Int).unwrap();
        let names: Vec<&str> = s.types().iter().map(|t| t.name.as_str()).collect();
        assert_eq!(
            names,
            ["MBody", "MBodyAB", "MBodyAB2", "MBodyAB3", "MBodyABItem"]
        );
    }

    #[test]
    fn contradictory_paths_give_no_shape() {
        let e = envelope(r#"{"code": "error", "message": "error.message"}"#);
        assert_eq!(shape("X", &e, CodeType::Int), None);
    }

    #[test]
    fn flags_are_typed_by_the_value_that_means_error() {
        let e = envelope(
            r#"{"code": "ErrorCode", "flag": {"path": "ActionStatus", "error_when": "FAIL"}}"#,
        );
        let s = shape("TencentImError", &e, CodeType::Int).unwrap();
        assert_eq!(
            s.fields[0].ty,
            FieldType::Flag(FlagType::Text {
                error_when: "FAIL".into()
            })
        );
    }

    #[test]
    fn keys_split_into_words_in_every_case_style() {
        for (k, w) in [
            ("ErrorCode", vec!["error", "code"]),
            ("botId", vec!["bot", "id"]),
            ("result_code", vec!["result", "code"]),
            ("X-Request-ID", vec!["x", "request", "id"]),
            ("HTTPStatus", vec!["http", "status"]),
            ("2fa", vec!["field", "2fa"]),
            ("$", vec!["field"]),
        ] {
            assert_eq!(key_words(k), w, "{k}");
        }
    }
}
