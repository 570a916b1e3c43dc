// How the CLI reads requests and writes responses: proto3 JSON in, protobuf text format (readable)
// or proto3 JSON (--json) out.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "google/protobuf/message.h"

namespace redress::cli {

// Fills `message` from proto3 JSON: field names in lowerCamelCase or as in the .proto, enums by
// name, Timestamp as RFC 3339, unknown fields rejected. Blank `json` leaves it empty.
// INVALID_ARGUMENT with the parser's message when the JSON does not fit the message type.
absl::Status ParseRequestJson(std::string_view json, google::protobuf::Message& message);

// Protobuf text format, UTF-8 text as is (not escaped); every Timestamp and Duration gets a
// trailing comment in RFC 3339 / "3600s" form. "" for an empty message.
std::string FormatText(const google::protobuf::Message& message);

// Pretty proto3 JSON with the .proto field names; fields at their default value are left out.
// Ends with a newline.
absl::StatusOr<std::string> FormatJson(const google::protobuf::Message& message);

// The value of the field at `path` in `message`: field names (as in the .proto) joined by dots,
// a list element by its index ("recommendations.0.name"). A string, number or bool is printed as
// plain text, an enum by its value name, a message as FormatJson; every line ends with a newline
// (a list of scalars prints one per line). INVALID_ARGUMENT naming the part of `path` that does
// not exist.
absl::StatusOr<std::string> FieldValue(const google::protobuf::Message& message,
                                       std::string_view path);

// Protobuf's pretty JSON indents by one space per level; this makes it two, as is usual. Every
// space at the start of a line is indentation: JSON strings cannot hold a raw newline.
std::string WidenJsonIndent(std::string_view json);

}  // namespace redress::cli
