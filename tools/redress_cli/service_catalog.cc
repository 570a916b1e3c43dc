#include "tools/redress_cli/service_catalog.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "redress/intake/v1/intake.grpc.pb.h"
#include "redress/investigation/v1/investigation.grpc.pb.h"
#include "redress/remedy/v1/remedy.grpc.pb.h"

namespace redress::cli {
namespace {

using ::google::protobuf::Descriptor;
using ::google::protobuf::DescriptorPool;
using ::google::protobuf::MethodDescriptor;
using ::google::protobuf::ServiceDescriptor;

// A message type's name as a reader of `service` needs it: short within its package.
std::string TypeName(const Descriptor& type, const ServiceDescriptor& service) {
  if (type.file()->package() == service.file()->package()) {
    return type.full_name().substr(type.file()->package().size() + 1);
  }
  return type.full_name();
}

}  // namespace

const std::vector<ServiceAlias>& RedressServices() {
  // service_full_name() is inline and references nothing, so each service's file is anchored by
  // calling descriptor() of one of its request types: that keeps the generated file in the link,
  // and its static initialiser adds the whole file (service included) to the generated pool.
  static const auto* const services = new std::vector<ServiceAlias>{
      {"intake", redress::intake::v1::Intake::service_full_name(), "127.0.0.1:50051",
       "REDRESS_INTAKE", redress::intake::v1::GetComplaintRequest::descriptor()->file()},
      {"investigation", redress::investigation::v1::Investigations::service_full_name(),
       "127.0.0.1:50052", "REDRESS_INVESTIGATION",
       redress::investigation::v1::GetInvestigationRequest::descriptor()->file()},
      {"remedy", redress::remedy::v1::Remedy::service_full_name(), "127.0.0.1:50053",
       "REDRESS_REMEDY", redress::remedy::v1::GetRecommendationRequest::descriptor()->file()},
  };
  return *services;
}

const ServiceAlias* FindServiceAlias(std::string_view name) {
  for (const ServiceAlias& alias : RedressServices()) {
    if (name == alias.name || name == alias.full_name) return &alias;
  }
  return nullptr;
}

const ServiceDescriptor* ServiceOf(const ServiceAlias& alias) {
  return alias.file->FindServiceByName(alias.full_name.substr(alias.full_name.rfind('.') + 1));
}

absl::StatusOr<const MethodDescriptor*> FindMethod(const ServiceAlias& alias,
                                                   std::string_view method) {
  // Anchors the health service's file (see RedressServices) for fully-qualified calls to it.
  static const google::protobuf::FileDescriptor* const kHealthFile =
      grpc::health::v1::HealthCheckRequest::descriptor()->file();
  (void)kHealthFile;
  if (method.find('.') != std::string_view::npos) {
    const MethodDescriptor* found =
        DescriptorPool::generated_pool()->FindMethodByName(std::string(method));
    if (found != nullptr) return found;
    return absl::NotFoundError(
        absl::StrCat("no method ", std::string(method), " is linked into redress"));
  }
  const ServiceDescriptor* service = ServiceOf(alias);
  if (const MethodDescriptor* exact = service->FindMethodByName(std::string(method))) {
    return exact;
  }
  std::vector<std::string> names;
  const MethodDescriptor* folded = nullptr;
  for (int i = 0; i < service->method_count(); ++i) {
    const MethodDescriptor* candidate = service->method(i);
    names.push_back(candidate->name());
    if (absl::EqualsIgnoreCase(candidate->name(),
                               absl::string_view(method.data(), method.size()))) {
      folded = candidate;
    }
  }
  if (folded != nullptr) return folded;
  return absl::NotFoundError(absl::StrCat(alias.name, " has no method ", std::string(method),
                                          "; its methods: ", absl::StrJoin(names, ", ")));
}

std::string MethodPath(const MethodDescriptor& method) {
  return absl::StrCat("/", method.service()->full_name(), "/", method.name());
}

std::string ListMethods(const std::vector<const ServiceAlias*>& services) {
  std::string out;
  for (const ServiceAlias* alias : services) {
    const ServiceDescriptor* service = ServiceOf(*alias);
    for (int i = 0; i < service->method_count(); ++i) {
      const MethodDescriptor& method = *service->method(i);
      absl::StrAppend(&out, alias->name, " ", method.name(), "(",
                      TypeName(*method.input_type(), *service), ") returns (",
                      TypeName(*method.output_type(), *service), ")\n");
    }
  }
  return out;
}

}  // namespace redress::cli
