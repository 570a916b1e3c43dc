#include "common/call_security.h"

#include <grpc/grpc_security_constants.h>
#include <grpcpp/security/auth_context.h>

#include <optional>
#include <string>
#include <utility>

#include "common/errors.h"
#include "common/tls.h"

namespace redress {
namespace {

// AuthContext properties the token processor adds; a client cannot set them (they are not
// metadata).
constexpr char kSubjectProperty[] = "redress.subject";
constexpr char kRoleProperty[] = "redress.role";
constexpr char kOrganisationProperty[] = "redress.organisation";
constexpr char kAuthorizationHeader[] = "authorization";
constexpr std::string_view kUnauthenticatedReason = "UNAUTHENTICATED";

class TokenProcessor final : public grpc::AuthMetadataProcessor {
 public:
  explicit TokenProcessor(std::shared_ptr<const auth::TokenVerifier> verifier)
      : verifier_(std::move(verifier)) {}

  // Verification is CPU work of tens of microseconds; running it inline saves a thread hop.
  bool IsBlocking() const override { return false; }

  grpc::Status Process(const InputMetadata& metadata, grpc::AuthContext* context,
                       OutputMetadata* consumed, OutputMetadata* /*response*/) override {
    auto header = metadata.find(kAuthorizationHeader);
    if (header == metadata.end()) return grpc::Status::OK;
    const std::string authorization(header->second.data(), header->second.size());
    absl::StatusOr<auth::Caller> caller = verifier_->Verify(authorization);
    if (!caller.ok()) {
      return grpc::Status(grpc::StatusCode::UNAUTHENTICATED,
                          std::string(caller.status().message()));
    }
    context->AddProperty(kSubjectProperty, caller->subject);
    for (auth::Role role : caller->roles) {
      context->AddProperty(kRoleProperty, std::string(auth::RoleName(role)));
    }
    if (!caller->organisation.empty()) {
      context->AddProperty(kOrganisationProperty, caller->organisation);
    }
    consumed->emplace(kAuthorizationHeader, authorization);
    return grpc::Status::OK;
  }

 private:
  std::shared_ptr<const auth::TokenVerifier> verifier_;
};

std::optional<std::string> SingleProperty(const grpc::AuthContext& context, const char* name) {
  std::vector<grpc::string_ref> values = context.FindPropertyValues(name);
  if (values.empty()) return std::nullopt;
  return std::string(values.front().data(), values.front().size());
}

}  // namespace

std::shared_ptr<grpc::AuthMetadataProcessor> NewTokenProcessor(
    std::shared_ptr<const auth::TokenVerifier> verifier) {
  return std::make_shared<TokenProcessor>(std::move(verifier));
}

absl::StatusOr<Principal> CallerOf(const grpc::ServerContextBase& context) {
  std::shared_ptr<const grpc::AuthContext> auth = context.auth_context();
  const std::optional<std::string> transport =
      auth == nullptr ? std::nullopt
                      : SingleProperty(*auth, GRPC_TRANSPORT_SECURITY_TYPE_PROPERTY_NAME);
  // gRPC's TLS credentials (tls.h) say "tls", its older SSL credentials "ssl". A TLS server has
  // no plaintext service port, so any other transport means an insecure development server.
  if (transport != GRPC_TLS_TRANSPORT_SECURITY_TYPE &&
      transport != GRPC_SSL_TRANSPORT_SECURITY_TYPE) {
    return DevelopmentPrincipal();
  }

  Principal principal;
  if (std::optional<std::string> subject = SingleProperty(*auth, kSubjectProperty)) {
    principal.kind = Principal::Kind::kUser;
    principal.subject = *std::move(subject);
    for (const grpc::string_ref& name : auth->FindPropertyValues(kRoleProperty)) {
      if (std::optional<auth::Role> role =
              auth::ParseRole(std::string_view(name.data(), name.size()))) {
        principal.roles.insert(*role);
      }
    }
    principal.organisation = SingleProperty(*auth, kOrganisationProperty).value_or("");
    return principal;
  }
  if (std::optional<std::string> service = PeerService(context)) {
    principal.kind = Principal::Kind::kService;
    principal.subject = *std::move(service);
    return principal;
  }
  return WithErrorInfo(
      absl::UnauthenticatedError(
          "this call needs a bearer token: send the header \"authorization: Bearer <token>\""),
      kUnauthenticatedReason);
}

namespace handler_internal {
absl::StatusOr<Principal> CallerOf(const grpc::ServerContextBase& context) {
  return redress::CallerOf(context);
}
}  // namespace handler_internal

}  // namespace redress
