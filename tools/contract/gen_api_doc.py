#!/usr/bin/env python3
"""Writes the API reference (docs/api.md) from the contract's descriptors.

Usage: gen_api_doc.py FILE_DESCRIPTOR_SET.json > docs/api.md

The input is a FileDescriptorSet with source info in protobuf's JSON form, as written by
`buf build protos --as-file-descriptor-set --exclude-imports -o FILE.json` (scripts/contract docs
runs both steps). Only the standard library is used, so no protobuf runtime is needed.

The output is deterministic for a given input: services first (files by path, declaration order
within a file), then each package's messages and enums (files by path, declaration order, nested
types after their parent). Comments are the leading comments of the proto elements.
"""

import json
import sys

# Field numbers in descriptor.proto, used in SourceCodeInfo paths.
FILE_MESSAGE, FILE_ENUM, FILE_SERVICE, FILE_PACKAGE, FILE_SYNTAX = 4, 5, 6, 2, 12
MESSAGE_FIELD, MESSAGE_NESTED, MESSAGE_ENUM = 2, 3, 4
ENUM_VALUE = 2
SERVICE_METHOD = 2

SCALARS = {
    "TYPE_DOUBLE": "double", "TYPE_FLOAT": "float", "TYPE_INT64": "int64",
    "TYPE_UINT64": "uint64", "TYPE_INT32": "int32", "TYPE_FIXED64": "fixed64",
    "TYPE_FIXED32": "fixed32", "TYPE_BOOL": "bool", "TYPE_STRING": "string",
    "TYPE_BYTES": "bytes", "TYPE_UINT32": "uint32", "TYPE_SFIXED32": "sfixed32",
    "TYPE_SFIXED64": "sfixed64", "TYPE_SINT32": "sint32", "TYPE_SINT64": "sint64",
}


def comment_lines(raw):
    """A leading comment as lines, without the space after `//` and without blank edges."""
    if not raw:
        return []
    lines = [line[1:] if line.startswith(" ") else line for line in raw.split("\n")]
    lines = [line.rstrip() for line in lines]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return lines


def block(lines):
    """A comment as Markdown paragraphs; indented lines (examples, tables) become code blocks."""
    out, code = [], False
    for line in lines:
        indented = line.startswith(" ")
        if indented and not code:
            if out and out[-1] != "":
                out.append("")
            out.append("```text")
            code = True
        elif not indented and code:
            out.append("```")
            code = False
            if line:
                out.append("")
        out.append(line)
    if code:
        out.append("```")
    return "\n".join(out)


def cell(lines):
    """A comment as one table cell: lines joined, indented lines on their own line."""
    out, after_indented = "", False
    for line in lines:
        text = line.strip().replace("|", "\\|")
        indented = line.startswith(" ")
        if not text:
            out += "<br><br>"
        elif not out or out.endswith("<br>"):
            out += text
        elif indented or after_indented:
            out += "<br>" + text
        else:
            out += " " + text
        after_indented = indented
    return out


class Contract:
    def __init__(self, fds):
        self.files = sorted(fds.get("file", []), key=lambda f: f["name"])
        self.defined = set()  # full names (no leading dot) of our messages and enums
        for f in self.files:
            pkg = f.get("package", "")
            for m in f.get("messageType", []):
                self._collect(pkg, m)
            for e in f.get("enumType", []):
                self.defined.add(qualify(pkg, e["name"]))
        self.map_entries = {}  # full name of a map entry message -> (key field, value field)
        for f in self.files:
            for m, full in walk_messages(f.get("package", ""), f.get("messageType", [])):
                if m.get("options", {}).get("mapEntry"):
                    fields = {x["name"]: x for x in m.get("field", [])}
                    self.map_entries[full] = (fields["key"], fields["value"])

    def _collect(self, scope, message):
        full = qualify(scope, message["name"])
        self.defined.add(full)
        for n in message.get("nestedType", []):
            self._collect(full, n)
        for e in message.get("enumType", []):
            self.defined.add(qualify(full, e["name"]))

    def type_ref(self, type_name):
        name = type_name.lstrip(".")
        if name in self.defined:
            return f"[`{name}`](#{name})"
        return f"`{name}`"

    def field_type(self, field):
        type_name = field.get("typeName", "").lstrip(".")
        if type_name in self.map_entries:
            key, value = self.map_entries[type_name]
            return f"map<{self.field_type(key)}, {self.field_type(value)}>"
        if field["type"] in SCALARS:
            return f"`{SCALARS[field['type']]}`"
        return self.type_ref(field["typeName"])

    def field_label(self, message, field):
        if field.get("typeName", "").lstrip(".") in self.map_entries:
            return "map"
        if field.get("label") == "LABEL_REPEATED":
            return "repeated"
        if field.get("proto3Optional"):
            return "optional"
        if "oneofIndex" in field:
            return f"oneof `{message['oneofDecl'][field['oneofIndex']]['name']}`"
        if field.get("label") == "LABEL_REQUIRED":
            return "required"
        return "singular"


def qualify(scope, name):
    return f"{scope}.{name}" if scope else name


def walk_messages(scope, messages):
    for m in messages:
        full = qualify(scope, m["name"])
        yield m, full
        yield from walk_messages(full, m.get("nestedType", []))


def comments_by_path(f):
    return {tuple(loc.get("path", [])): loc.get("leadingComments", "")
            for loc in f.get("sourceCodeInfo", {}).get("location", [])
            if loc.get("leadingComments")}


def deprecated(element):
    return " **Deprecated.**" if element.get("options", {}).get("deprecated") else ""


def render(fds):
    contract = Contract(fds)
    out = []
    emit = out.append
    emit("# Redress API reference")
    emit("")
    emit("<!-- Generated by `scripts/contract docs` from protos/redress; do not edit by hand. -->")
    emit("")
    emit("The gRPC contract of the Redress services, generated from the comments in "
         "`protos/redress`. Conventions (resource names, idempotency, etags, paging, errors) are "
         "in the README's \"API conventions\"; error details use the standard `google.rpc` "
         "messages (`Status`, `BadRequest`, `PreconditionFailure`, `ErrorInfo`).")
    emit("")

    services = [(f, i, s) for f in contract.files for i, s in enumerate(f.get("service", []))]
    packages = []
    for f in contract.files:
        if f.get("package", "") not in packages:
            packages.append(f.get("package", ""))
    packages.sort()

    emit("## Contents")
    emit("")
    emit("Services:")
    emit("")
    for f, _, s in services:
        full = qualify(f.get("package", ""), s["name"])
        emit(f"- [`{full}`](#{full})")
    emit("")
    emit("Packages:")
    emit("")
    for pkg in packages:
        emit(f"- [`{pkg}`](#{pkg})")
    emit("")

    emit("## Services")
    for f, index, service in services:
        notes = comments_by_path(f)
        pkg = f.get("package", "")
        full = qualify(pkg, service["name"])
        emit("")
        emit(f'<a id="{full}"></a>')
        emit("")
        emit(f"### `{full}`")
        emit("")
        emit(f"Defined in `{f['name']}`.{deprecated(service)}")
        text = block(comment_lines(notes.get((FILE_SERVICE, index))))
        if text:
            emit("")
            emit(text)
        emit("")
        emit("| RPC | Request | Response |")
        emit("| --- | --- | --- |")
        for method in service.get("method", []):
            emit(f"| [`{method['name']}`](#{full}.{method['name']}) | "
                 f"{contract.type_ref(method['inputType'])} | "
                 f"{contract.type_ref(method['outputType'])} |")
        for m_index, method in enumerate(service.get("method", [])):
            request = ("stream " if method.get("clientStreaming") else "") + \
                contract.type_ref(method["inputType"])
            response = ("stream " if method.get("serverStreaming") else "") + \
                contract.type_ref(method["outputType"])
            emit("")
            emit(f'<a id="{full}.{method["name"]}"></a>')
            emit("")
            emit(f"#### `{service['name']}.{method['name']}`")
            emit("")
            emit(f"`{method['name']}` ({request}) returns ({response}){deprecated(method)}")
            text = block(comment_lines(notes.get((FILE_SERVICE, index, SERVICE_METHOD, m_index))))
            if text:
                emit("")
                emit(text)

    emit("")
    emit("## Messages and enums")
    for pkg in packages:
        emit("")
        emit(f'<a id="{pkg}"></a>')
        emit("")
        emit(f"### Package `{pkg}`")
        for f in contract.files:
            if f.get("package", "") != pkg:
                continue
            notes = comments_by_path(f)
            emit("")
            emit(f"#### File `{f['name']}`")
            text = block(comment_lines(notes.get((FILE_SYNTAX,)) or notes.get((FILE_PACKAGE,))))
            if text:
                emit("")
                emit(text)
            for i, message in enumerate(f.get("messageType", [])):
                render_message(contract, notes, emit, pkg, message, (FILE_MESSAGE, i))
            for i, enum in enumerate(f.get("enumType", [])):
                render_enum(notes, emit, pkg, enum, (FILE_ENUM, i))
    emit("")
    return "\n".join(out)


def render_heading(notes, emit, kind, full, element, path):
    """The anchor, heading and leading comment of a message or enum."""
    emit("")
    emit(f'<a id="{full}"></a>')
    emit("")
    emit(f"##### {kind} `{full}`")
    text = block(comment_lines(notes.get(path)))
    if text or deprecated(element):
        emit("")
        emit((text + deprecated(element)).strip())


def render_message(contract, notes, emit, scope, message, path):
    full = qualify(scope, message["name"])
    if message.get("options", {}).get("mapEntry"):
        return
    render_heading(notes, emit, "Message", full, message, path)
    fields = message.get("field", [])
    emit("")
    if not fields:
        emit("No fields.")
    else:
        emit("| Field | Number | Type | Label | Description |")
        emit("| --- | --- | --- | --- | --- |")
        for i, field in enumerate(fields):
            description = cell(comment_lines(notes.get(path + (MESSAGE_FIELD, i))))
            description += deprecated(field)
            emit(f"| `{field['name']}` | {field['number']} | {contract.field_type(field)} | "
                 f"{contract.field_label(message, field)} | {description.strip()} |")
    for i, nested in enumerate(message.get("nestedType", [])):
        render_message(contract, notes, emit, full, nested, path + (MESSAGE_NESTED, i))
    for i, enum in enumerate(message.get("enumType", [])):
        render_enum(notes, emit, full, enum, path + (MESSAGE_ENUM, i))


def render_enum(notes, emit, scope, enum, path):
    full = qualify(scope, enum["name"])
    render_heading(notes, emit, "Enum", full, enum, path)
    emit("")
    emit("| Value | Number | Description |")
    emit("| --- | --- | --- |")
    for i, value in enumerate(enum.get("value", [])):
        description = cell(comment_lines(notes.get(path + (ENUM_VALUE, i)))) + deprecated(value)
        emit(f"| `{value['name']}` | {value.get('number', 0)} | {description.strip()} |")


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: gen_api_doc.py FILE_DESCRIPTOR_SET.json > docs/api.md\n")
        return 2
    with open(argv[1], encoding="utf-8") as f:
        fds = json.load(f)
    if not fds.get("file"):
        sys.stderr.write(f"gen_api_doc.py: {argv[1]} holds no files\n")
        return 1
    sys.stdout.write(render(fds))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
