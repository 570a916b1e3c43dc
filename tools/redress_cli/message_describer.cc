#include "tools/redress_cli/message_describer.h"

#include <set>
#include <string_view>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace redress::cli {
namespace {

using ::google::protobuf::Descriptor;
using ::google::protobuf::EnumDescriptor;
using ::google::protobuf::FieldDescriptor;

// How a well-known type is written in proto3 JSON, or "" for an ordinary message.
std::string WellKnownJsonForm(const Descriptor& type) {
  const std::string& name = type.full_name();
  if (name == "google.protobuf.Timestamp") return "RFC 3339 string, e.g. \"2026-01-31T09:00:00Z\"";
  if (name == "google.protobuf.Duration") return "string of seconds, e.g. \"3600s\"";
  if (name == "google.protobuf.FieldMask") {
    return "comma-separated field paths, e.g. \"display_name,in_remit\"";
  }
  if (name == "google.protobuf.Struct") return "any JSON object";
  if (name == "google.protobuf.Value") return "any JSON value";
  if (name == "google.protobuf.ListValue") return "any JSON array";
  if (name == "google.protobuf.Any") return "JSON object with \"@type\"";
  if (name == "google.protobuf.Empty") return "{}";
  if (absl::StartsWith(name, "google.protobuf.") && absl::EndsWith(name, "Value")) {
    return "the bare value, or null";
  }
  return "";
}

std::string EnumValues(const EnumDescriptor& type) {
  std::string values;
  for (int i = 0; i < type.value_count(); ++i) {
    absl::StrAppend(&values, i == 0 ? "" : " | ", type.value(i)->name());
  }
  return values;
}

class Describer {
 public:
  std::string Describe(const Descriptor& message) {
    AppendFields(message, 1);
    return absl::StrCat(message.full_name(), " {\n", out_, "}\n");
  }

 private:
  // The type of a map's value, or of a singular or repeated field.
  std::string TypeOf(const FieldDescriptor& field) const {
    switch (field.type()) {
      case FieldDescriptor::TYPE_MESSAGE:
      case FieldDescriptor::TYPE_GROUP:
        return field.message_type()->full_name();
      case FieldDescriptor::TYPE_ENUM:
        return absl::StrCat("enum ", field.enum_type()->full_name());
      default:
        return field.type_name();
    }
  }

  void AppendFields(const Descriptor& message, int depth) {
    expanding_.insert(message.full_name());
    for (int i = 0; i < message.field_count(); ++i) AppendField(*message.field(i), depth);
    expanding_.erase(message.full_name());
  }

  void AppendField(const FieldDescriptor& field, int depth) {
    const std::string indent(2 * depth, ' ');
    const FieldDescriptor* value = field.is_map() ? field.message_type()->map_value() : &field;
    std::string type = TypeOf(*value);
    if (field.is_map()) {
      type = absl::StrCat("map<", TypeOf(*field.message_type()->map_key()), ", ", type, ">");
    } else if (field.is_repeated()) {
      type = absl::StrCat("repeated ", type);
    }
    absl::StrAppend(&out_, indent, field.name(), ": ", type);
    if (field.real_containing_oneof() != nullptr) {
      absl::StrAppend(&out_, " (oneof ", field.real_containing_oneof()->name(), ")");
    }
    if (value->enum_type() != nullptr) {
      absl::StrAppend(&out_, " (", EnumValues(*value->enum_type()), ")\n");
      return;
    }
    const Descriptor* nested = value->message_type();
    if (nested == nullptr) {
      absl::StrAppend(&out_, "\n");
    } else if (std::string json = WellKnownJsonForm(*nested); !json.empty()) {
      absl::StrAppend(&out_, " (JSON: ", json, ")\n");
    } else if (expanding_.count(nested->full_name()) > 0) {
      absl::StrAppend(&out_, " (recursive)\n");
    } else if (depth >= kDescribeDepth) {
      absl::StrAppend(&out_, " {...}  (redress describe ", nested->full_name(), ")\n");
    } else {
      absl::StrAppend(&out_, " {\n");
      AppendFields(*nested, depth + 1);
      absl::StrAppend(&out_, indent, "}\n");
    }
  }

  std::string out_;
  std::set<std::string> expanding_;
};

}  // namespace

std::string DescribeMethod(const google::protobuf::MethodDescriptor& method) {
  return absl::StrCat("rpc ", method.full_name(),
                      "\n  request:  ", method.input_type()->full_name(),
                      "\n  response: ", method.output_type()->full_name(), "\n\n",
                      DescribeMessage(*method.input_type()));
}

std::string DescribeMessage(const Descriptor& message) { return Describer().Describe(message); }

}  // namespace redress::cli
