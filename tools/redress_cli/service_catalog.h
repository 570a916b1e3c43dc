// The services and methods the CLI can call, found in the compiled-in descriptor pool
// (DescriptorPool::generated_pool()), so that every RPC of the linked protos is callable without
// code per method. Linking this file keeps every Redress service's descriptors in the binary.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "google/protobuf/descriptor.h"

namespace redress::cli {

// One Redress service as operators name it on the command line.
struct ServiceAlias {
  std::string name;                              // "intake"
  std::string full_name;                         // "redress.intake.v1.Intake"
  std::string default_address;                   // "127.0.0.1:50051"
  std::string env_var;                           // "REDRESS_INTAKE": overrides the default address
  const google::protobuf::FileDescriptor* file;  // the .proto file declaring the service
};

// intake, investigation and remedy, in that order.
const std::vector<ServiceAlias>& RedressServices();

// The alias named `name` (the short name, or the full service name), or null.
const ServiceAlias* FindServiceAlias(std::string_view name);

// The descriptor of `alias`'s service. Never null: the generated protos are linked in.
const google::protobuf::ServiceDescriptor* ServiceOf(const ServiceAlias& alias);

// The method `method` of `alias`'s service: its exact name, else its name ignoring case. A name
// with a dot is a fully-qualified method of any linked service ("grpc.health.v1.Health.Check"),
// called at `alias`'s address. NOT_FOUND with the service's method names when there is none.
absl::StatusOr<const google::protobuf::MethodDescriptor*> FindMethod(const ServiceAlias& alias,
                                                                     std::string_view method);

// "/redress.intake.v1.Intake/GetComplaint": the HTTP/2 path a call to `method` uses.
std::string MethodPath(const google::protobuf::MethodDescriptor& method);

// One line per method of each of `services`: "intake GetComplaint(GetComplaintRequest) returns
// (Complaint)", types by full name when they are in another package than the service.
std::string ListMethods(const std::vector<const ServiceAlias*>& services);

}  // namespace redress::cli
