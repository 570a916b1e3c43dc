// `redress describe`: the fields of a method's request (or of any linked message type), expanded
// into their nested messages, so that an operator can write the request JSON by hand.
#pragma once

#include <string>

#include "google/protobuf/descriptor.h"

namespace redress::cli {

// Nested messages are expanded this many levels deep; deeper ones are named only.
inline constexpr int kDescribeDepth = 6;

// The method's full name, request and response types, then the request's fields as by
// DescribeMessage.
std::string DescribeMethod(const google::protobuf::MethodDescriptor& method);

// One line per field, "name: [repeated] type", indented by nesting: enums list their values,
// message fields are expanded in braces up to kDescribeDepth levels (a type already being
// expanded is marked recursive instead), maps read "map<key, value>", oneof members say so, and
// well-known types (Timestamp, Duration, FieldMask, wrappers, Struct) give their JSON form instead
// of their fields.
std::string DescribeMessage(const google::protobuf::Descriptor& message);

}  // namespace redress::cli
