#include "tools/redress_cli/error_printer.h"

#include <cstdio>
#include <map>
#include <memory>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/json_util.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "tools/redress_cli/message_format.h"
#include "tools/redress_cli/rpc_invoker.h"

namespace redress::cli {
namespace {

using ::google::protobuf::Any;
using ::google::protobuf::DescriptorPool;

// The details trailer, decoded. `decoded` is false when the trailer is there but unreadable.
struct Details {
  bool decoded = true;
  google::rpc::Status status;
};

Details DecodeDetails(const grpc::Status& status) {
  Details details;
  if (!status.error_details().empty()) {
    details.decoded = details.status.ParseFromString(status.error_details());
  }
  return details;
}

// The message type named by an Any's type URL, if it is linked.
const google::protobuf::Descriptor* TypeOf(const Any& any) {
  const std::string& url = any.type_url();
  const std::string name = url.substr(url.rfind('/') + 1);
  return DescriptorPool::generated_pool()->FindMessageTypeByName(name);
}

std::string OneLineText(const google::protobuf::Message& message) {
  google::protobuf::TextFormat::Printer printer;
  printer.SetSingleLineMode(true);
  printer.SetUseUtf8StringEscaping(true);
  std::string out;
  printer.PrintToString(message, &out);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

void AppendDetailText(const Any& any, std::string& out) {
  if (google::rpc::BadRequest bad_request; any.UnpackTo(&bad_request)) {
    absl::StrAppend(&out, "  field violations:\n");
    for (const auto& violation : bad_request.field_violations()) {
      absl::StrAppend(&out, "    ", violation.field(), ": ", violation.description(), "\n");
    }
  } else if (google::rpc::PreconditionFailure failure; any.UnpackTo(&failure)) {
    absl::StrAppend(&out, "  precondition failures:\n");
    for (const auto& violation : failure.violations()) {
      absl::StrAppend(&out, "    ", violation.type(), " ", violation.subject(), ": ",
                      violation.description(), "\n");
    }
  } else if (google::rpc::ErrorInfo info; any.UnpackTo(&info)) {
    absl::StrAppend(&out, "  error info: reason ", info.reason(), ", domain ", info.domain(), "\n");
    // std::map order, so the lines do not depend on the map's hashing.
    std::map<std::string, std::string> metadata(info.metadata().begin(), info.metadata().end());
    for (const auto& [key, value] : metadata) {
      absl::StrAppend(&out, "    ", key, ": ", value, "\n");
    }
  } else if (const auto* type = TypeOf(any); type != nullptr) {
    std::unique_ptr<google::protobuf::Message> detail = NewMessage(*type);
    if (any.UnpackTo(detail.get())) {
      absl::StrAppend(&out, "  ", type->full_name(), ": ", OneLineText(*detail), "\n");
    } else {
      absl::StrAppend(&out, "  ", type->full_name(), ": (undecodable, ", any.value().size(),
                      " bytes)\n");
    }
  } else {
    absl::StrAppend(&out, "  detail of unknown type ", any.type_url(), " (", any.value().size(),
                    " bytes)\n");
  }
}

// `text` as a JSON string literal. Bytes from 0x80 up pass through (UTF-8).
std::string JsonQuote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char escaped[8];
          std::snprintf(escaped, sizeof(escaped), "\\u%04x", static_cast<unsigned char>(c));
          out += escaped;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

// The detail as pretty JSON, each line after the first indented by `indent`.
std::string DetailJson(const Any& any, const std::string& indent) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.preserve_proto_field_names = true;
  std::string json;
  if (!google::protobuf::util::MessageToJsonString(any, &json, options).ok()) {
    json = absl::StrCat("{\n \"@type\": ", JsonQuote(any.type_url()),
                        ",\n \"value\": ", JsonQuote(absl::Base64Escape(any.value())), "\n}\n");
  }
  json = WidenJsonIndent(json);
  while (!json.empty() && json.back() == '\n') json.pop_back();
  return absl::StrReplaceAll(json, {{"\n", absl::StrCat("\n", indent)}});
}

}  // namespace

std::string StatusCodeName(int code) {
  const std::string name = absl::StatusCodeToString(static_cast<absl::StatusCode>(code));
  if (name.empty()) return absl::StrCat("CODE_", code);
  return name;
}

std::string FormatRpcErrorText(const grpc::Status& status) {
  const int code = static_cast<int>(status.error_code());
  std::string out = absl::StrCat("error: ", StatusCodeName(code), " (", code,
                                 "): ", status.error_message(), "\n");
  const Details details = DecodeDetails(status);
  if (!details.decoded) {
    absl::StrAppend(&out,
                    "  (error details present but undecodable: ", status.error_details().size(),
                    " bytes)\n");
  }
  for (const Any& any : details.status.details()) AppendDetailText(any, out);
  return out;
}

std::string FormatRpcErrorJson(const grpc::Status& status) {
  const int code = static_cast<int>(status.error_code());
  std::string out = absl::StrCat("{\n  \"error\": {\n    \"code\": ", code,
                                 ",\n    \"status\": ", JsonQuote(StatusCodeName(code)),
                                 ",\n    \"message\": ", JsonQuote(status.error_message()));
  const Details details = DecodeDetails(status);
  if (!details.decoded) {
    absl::StrAppend(&out, ",\n    \"undecodable_details\": ",
                    JsonQuote(absl::Base64Escape(status.error_details())));
  }
  if (details.status.details_size() > 0) {
    absl::StrAppend(&out, ",\n    \"details\": [");
    const char* separator = "\n      ";
    for (const Any& any : details.status.details()) {
      absl::StrAppend(&out, separator, DetailJson(any, "      "));
      separator = ",\n      ";
    }
    absl::StrAppend(&out, "\n    ]");
  }
  absl::StrAppend(&out, "\n  }\n}\n");
  return out;
}

}  // namespace redress::cli
