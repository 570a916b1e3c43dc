#include "tools/redress_cli/message_format.h"

#include <cstdint>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/duration.pb.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/timestamp.pb.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/time_util.h"

namespace redress::cli {
namespace {

using ::google::protobuf::Descriptor;
using ::google::protobuf::Message;
using ::google::protobuf::TextFormat;
using ::google::protobuf::util::TimeUtil;

// Prints a Timestamp or Duration as its two fields plus a comment with its readable form.
class TimePrinter final : public TextFormat::MessagePrinter {
 public:
  explicit TimePrinter(bool is_timestamp) : is_timestamp_(is_timestamp) {}

  void Print(const Message& message, bool single_line_mode,
             TextFormat::BaseTextGenerator* generator) const override {
    const Descriptor* type = message.GetDescriptor();
    const int64_t seconds =
        message.GetReflection()->GetInt64(message, type->FindFieldByName("seconds"));
    const int32_t nanos =
        message.GetReflection()->GetInt32(message, type->FindFieldByName("nanos"));
    std::vector<std::string> lines;
    if (seconds != 0) lines.push_back(absl::StrCat("seconds: ", seconds));
    if (nanos != 0) lines.push_back(absl::StrCat("nanos: ", nanos));
    if (single_line_mode) {
      generator->PrintString(absl::StrJoin(lines, " "));
      return;
    }
    // The readable form goes on the first line, so it is seen next to the field's name.
    const std::string comment = absl::StrCat("# ", Readable(seconds, nanos));
    if (lines.empty()) {
      lines.push_back(comment);
    } else {
      absl::StrAppend(&lines[0], "  ", comment);
    }
    std::string fields = absl::StrCat(absl::StrJoin(lines, "\n"), "\n");
    generator->PrintString(fields);
  }

 private:
  std::string Readable(int64_t seconds, int32_t nanos) const {
    if (is_timestamp_) {
      google::protobuf::Timestamp timestamp;
      timestamp.set_seconds(seconds);
      timestamp.set_nanos(nanos);
      return TimeUtil::ToString(timestamp);
    }
    google::protobuf::Duration duration;
    duration.set_seconds(seconds);
    duration.set_nanos(nanos);
    return TimeUtil::ToString(duration);
  }

  const bool is_timestamp_;
};

}  // namespace

absl::Status ParseRequestJson(std::string_view json, Message& message) {
  message.Clear();
  if (absl::StripAsciiWhitespace(absl::string_view(json.data(), json.size())).empty())
    return absl::OkStatus();
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  const auto status = google::protobuf::util::JsonStringToMessage(
      google::protobuf::StringPiece(json.data(), json.size()), &message, options);
  if (status.ok()) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat("the request is not valid JSON for ", message.GetDescriptor()->full_name(), ": ",
                   std::string(status.message().data(), status.message().size())));
}

std::string FormatText(const Message& message) {
  TextFormat::Printer printer;
  printer.SetUseUtf8StringEscaping(true);
  printer.SetExpandAny(true);
  // The printer owns a registered printer; registration fails only for a descriptor that already
  // has one, which a fresh printer has not.
  printer.RegisterMessagePrinter(google::protobuf::Timestamp::descriptor(),
                                 new TimePrinter(/*is_timestamp=*/true));
  printer.RegisterMessagePrinter(google::protobuf::Duration::descriptor(),
                                 new TimePrinter(/*is_timestamp=*/false));
  std::string out;
  printer.PrintToString(message, &out);
  return out;
}

absl::StatusOr<std::string> FormatJson(const Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.always_print_primitive_fields = false;
  options.preserve_proto_field_names = true;
  std::string out;
  const auto status = google::protobuf::util::MessageToJsonString(message, &out, options);
  if (!status.ok()) {
    return absl::InternalError(absl::StrCat("cannot print ", message.GetDescriptor()->full_name(),
                                            " as JSON: ", status.ToString()));
  }
  out = WidenJsonIndent(out);
  if (out.empty() || out.back() != '\n') out.push_back('\n');
  return out;
}

std::string WidenJsonIndent(std::string_view json) {
  std::string out;
  out.reserve(json.size() * 5 / 4);
  bool at_line_start = true;
  for (char c : json) {
    if (at_line_start && c == ' ') {
      out += "  ";
      continue;
    }
    at_line_start = c == '\n';
    out += c;
  }
  return out;
}

namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

// One element (index >= 0) or the singular value (index -1) of `field`, as plain text.
absl::StatusOr<std::string> ScalarText(const Message& m, const FieldDescriptor* field, int index) {
  const Reflection* r = m.GetReflection();
  const bool rep = index >= 0;
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      return rep ? r->GetRepeatedString(m, field, index) : r->GetString(m, field);
    case FieldDescriptor::CPPTYPE_INT32:
      return absl::StrCat(rep ? r->GetRepeatedInt32(m, field, index) : r->GetInt32(m, field));
    case FieldDescriptor::CPPTYPE_INT64:
      return absl::StrCat(rep ? r->GetRepeatedInt64(m, field, index) : r->GetInt64(m, field));
    case FieldDescriptor::CPPTYPE_UINT32:
      return absl::StrCat(rep ? r->GetRepeatedUInt32(m, field, index) : r->GetUInt32(m, field));
    case FieldDescriptor::CPPTYPE_UINT64:
      return absl::StrCat(rep ? r->GetRepeatedUInt64(m, field, index) : r->GetUInt64(m, field));
    case FieldDescriptor::CPPTYPE_DOUBLE:
      return absl::StrCat(rep ? r->GetRepeatedDouble(m, field, index) : r->GetDouble(m, field));
    case FieldDescriptor::CPPTYPE_FLOAT:
      return absl::StrCat(rep ? r->GetRepeatedFloat(m, field, index) : r->GetFloat(m, field));
    case FieldDescriptor::CPPTYPE_BOOL:
      return std::string(
          (rep ? r->GetRepeatedBool(m, field, index) : r->GetBool(m, field)) ? "true" : "false");
    case FieldDescriptor::CPPTYPE_ENUM:
      return (rep ? r->GetRepeatedEnum(m, field, index) : r->GetEnum(m, field))->name();
    case FieldDescriptor::CPPTYPE_MESSAGE: {
      const Message& sub = rep ? r->GetRepeatedMessage(m, field, index) : r->GetMessage(m, field);
      absl::StatusOr<std::string> json = FormatJson(sub);
      if (!json.ok()) return json.status();
      std::string text = *json;
      if (!text.empty() && text.back() == '\n') text.pop_back();
      return text;
    }
  }
  return absl::InternalError("unknown field type");
}

}  // namespace

absl::StatusOr<std::string> FieldValue(const Message& message, std::string_view path) {
  const std::vector<std::string> parts =
      absl::StrSplit(absl::string_view(path.data(), path.size()), '.');
  const Message* current = &message;
  for (size_t i = 0; i < parts.size(); ++i) {
    const FieldDescriptor* field = current->GetDescriptor()->FindFieldByName(parts[i]);
    if (field == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("--get: ", current->GetTypeName(), " has no field \"", parts[i], "\""));
    }
    const Reflection* r = current->GetReflection();
    int index = -1;
    if (field->is_repeated()) {
      if (i + 1 == parts.size()) {  // the whole list, one element per line
        std::string out;
        for (int k = 0; k < r->FieldSize(*current, field); ++k) {
          absl::StatusOr<std::string> text = ScalarText(*current, field, k);
          if (!text.ok()) return text.status();
          absl::StrAppend(&out, *text, "\n");
        }
        return out;
      }
      ++i;
      if (!absl::SimpleAtoi(parts[i], &index) || index < 0 ||
          index >= r->FieldSize(*current, field)) {
        return absl::InvalidArgumentError(
            absl::StrCat("--get: ", parts[i - 1], " has ", r->FieldSize(*current, field),
                         " elements; \"", parts[i], "\" is not one of their indexes"));
      }
    }
    const bool last = i + 1 == parts.size();
    if (last || field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) {
      if (!last) {
        return absl::InvalidArgumentError(absl::StrCat("--get: ", field->name(), " has no fields"));
      }
      absl::StatusOr<std::string> text = ScalarText(*current, field, index);
      if (!text.ok()) return text.status();
      return absl::StrCat(*text, "\n");
    }
    current = index >= 0 ? &r->GetRepeatedMessage(*current, field, index)
                         : &r->GetMessage(*current, field);
  }
  return absl::InvalidArgumentError("--get: empty field path");
}

}  // namespace redress::cli
