#include "common/call_security.h"

#include <grpc/grpc_security_constants.h>
#include <grpcpp/security/auth_context.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
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

// The user a kDevelopmentCallerHeader value names; INVALID_ARGUMENT when it does not parse.
absl::StatusOr<Principal> ParseDevelopmentCaller(std::string_view value) {
  Principal user;
  user.kind = Principal::Kind::kUser;
  // This Abseil's string_view is its own type, not std::string_view.
  const absl::string_view text(value.data(), value.size());
  for (absl::string_view part : absl::StrSplit(text, ';', absl::SkipEmpty())) {
    std::pair<absl::string_view, absl::string_view> field =
        absl::StrSplit(part, absl::MaxSplits('=', 1));
    if (field.first == "subject") {
      user.subject = std::string(field.second);
    } else if (field.first == "organisation") {
      user.organisation = std::string(field.second);
    } else if (field.first == "roles") {
      for (absl::string_view name : absl::StrSplit(field.second, ',', absl::SkipEmpty())) {
        std::optional<auth::Role> role =
            auth::ParseRole(std::string_view(name.data(), name.size()));
        if (!role.has_value()) {
          return absl::InvalidArgumentError(
              absl::StrCat(kDevelopmentCallerHeader, " names an unknown role"));
        }
        user.roles.insert(*role);
      }
    } else {
      return absl::InvalidArgumentError(
          absl::StrCat(kDevelopmentCallerHeader, " has an unknown part; expected ",
                       "subject=<sub>;roles=<role>,...;organisation=<id>"));
    }
  }
  if (user.subject.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(kDevelopmentCallerHeader, " names no subject"));
  }
  return user;
}

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
    const auto& metadata = context.client_metadata();
    auto header = metadata.find(kDevelopmentCallerHeader);
    if (header == metadata.end()) return DevelopmentPrincipal();
    return ParseDevelopmentCaller(std::string_view(header->second.data(), header->second.size()));
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

std::string DevelopmentCallerHeaderValue(const Principal& user) {
  std::vector<std::string> roles;
  for (auth::Role role : user.roles) roles.emplace_back(auth::RoleName(role));
  std::string value = absl::StrCat("subject=", user.subject, ";roles=", absl::StrJoin(roles, ","));
  if (!user.organisation.empty()) absl::StrAppend(&value, ";organisation=", user.organisation);
  return value;
}

namespace handler_internal {
absl::StatusOr<Principal> CallerOf(const grpc::ServerContextBase& context) {
  return redress::CallerOf(context);
}
}  // namespace handler_internal

}  // namespace redress
