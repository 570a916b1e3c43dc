#include "common/call_security.h"

#include <grpc/grpc_security_constants.h>
#include <grpcpp/security/auth_context.h>
#include <grpcpp/support/server_interceptor.h>

#include <map>
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

constexpr char kAuthorizationHeader[] = "authorization";
constexpr std::string_view kUnauthenticatedReason = "UNAUTHENTICATED";

// The server's own metadata entries for the user of a call's verified token, which the caller
// interceptor writes in place of the "authorization" header (a client's entries of the same
// names are removed first, so a client cannot claim to be anyone). Not AuthContext properties:
// gRPC's AuthContext belongs to the connection, not the call (grpc/grpc#28809), so properties
// added for one call would be seen by every later call on that connection, piling up, and racing
// with the calls that read them.
constexpr char kUserSubjectMetadata[] = "redress-verified-subject";
constexpr char kUserRoleMetadata[] = "redress-verified-role";
constexpr char kUserOrganisationMetadata[] = "redress-verified-organisation";
constexpr char kTokenErrorMetadata[] = "redress-token-error";

// The token gate on a TLS server's credentials: refuses a call whose token does not verify before
// it reaches any method (health and reflection included). It records nothing: the caller
// interceptor verifies the token again for the call itself, which the verifier's cache of verified
// tokens answers without a second signature check (token_verifier.h).
class TokenProcessor final : public grpc::AuthMetadataProcessor {
 public:
  explicit TokenProcessor(std::shared_ptr<const auth::TokenVerifier> verifier)
      : verifier_(std::move(verifier)) {}

  // Verification is CPU work of tens of microseconds; running it inline saves a thread hop.
  bool IsBlocking() const override { return false; }

  grpc::Status Process(const InputMetadata& metadata, grpc::AuthContext* /*context*/,
                       OutputMetadata* /*consumed*/, OutputMetadata* /*response*/) override {
    auto header = metadata.find(kAuthorizationHeader);
    if (header == metadata.end()) return grpc::Status::OK;
    absl::StatusOr<auth::Caller> caller =
        verifier_->Verify(std::string_view(header->second.data(), header->second.size()));
    if (!caller.ok()) {
      return grpc::Status(grpc::StatusCode::UNAUTHENTICATED,
                          std::string(caller.status().message()));
    }
    return grpc::Status::OK;
  }

 private:
  std::shared_ptr<const auth::TokenVerifier> verifier_;
};

// Replaces a call's "authorization" header by the user its token names (the entries above), as
// the call's metadata arrives, before its handler runs. The strings live as long as the call.
class CallerInterceptor final : public grpc::experimental::Interceptor {
 public:
  explicit CallerInterceptor(const auth::TokenVerifier* verifier) : verifier_(verifier) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(
            grpc::experimental::InterceptionHookPoints::POST_RECV_INITIAL_METADATA)) {
      Record(*methods->GetRecvInitialMetadata());
    }
    methods->Proceed();
  }

 private:
  void Record(std::multimap<grpc::string_ref, grpc::string_ref>& metadata) {
    for (const char* key : {kUserSubjectMetadata, kUserRoleMetadata, kUserOrganisationMetadata,
                            kTokenErrorMetadata}) {
      metadata.erase(key);
    }
    auto header = metadata.find(kAuthorizationHeader);
    if (header == metadata.end()) return;
    absl::StatusOr<auth::Caller> caller =
        verifier_ == nullptr
            ? absl::UnauthenticatedError("this server accepts no user tokens")
            : verifier_->Verify(std::string_view(header->second.data(), header->second.size()));
    metadata.erase(kAuthorizationHeader);  // the token goes no further than here
    if (!caller.ok()) {
      error_ = std::string(caller.status().message());
      metadata.emplace(kTokenErrorMetadata, error_);
      return;
    }
    subject_ = std::move(caller->subject);
    organisation_ = std::move(caller->organisation);
    for (auth::Role role : caller->roles) roles_.emplace_back(auth::RoleName(role));
    metadata.emplace(kUserSubjectMetadata, subject_);
    for (const std::string& role : roles_) metadata.emplace(kUserRoleMetadata, role);
    if (!organisation_.empty()) metadata.emplace(kUserOrganisationMetadata, organisation_);
  }

  const auth::TokenVerifier* const verifier_;
  std::string subject_, organisation_, error_;
  std::vector<std::string> roles_;
};

class CallerInterceptorFactory final
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit CallerInterceptorFactory(std::shared_ptr<const auth::TokenVerifier> verifier)
      : verifier_(std::move(verifier)) {}
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo*) override {
    return new CallerInterceptor(verifier_.get());
  }

 private:
  const std::shared_ptr<const auth::TokenVerifier> verifier_;
};

std::string MetadataText(const grpc::string_ref& value) {
  return std::string(value.data(), value.size());
}

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

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> NewCallerInterceptorFactory(
    std::shared_ptr<const auth::TokenVerifier> verifier) {
  return std::make_unique<CallerInterceptorFactory>(std::move(verifier));
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
  const auto& metadata = context.client_metadata();
  if (auto error = metadata.find(kTokenErrorMetadata); error != metadata.end()) {
    return WithErrorInfo(absl::UnauthenticatedError(MetadataText(error->second)),
                         kUnauthenticatedReason);
  }
  if (auto subject = metadata.find(kUserSubjectMetadata); subject != metadata.end()) {
    principal.kind = Principal::Kind::kUser;
    principal.subject = MetadataText(subject->second);
    const auto [first, last] = metadata.equal_range(kUserRoleMetadata);
    for (auto it = first; it != last; ++it) {
      if (std::optional<auth::Role> role = auth::ParseRole(MetadataText(it->second))) {
        principal.roles.insert(*role);
      }
    }
    if (auto organisation = metadata.find(kUserOrganisationMetadata);
        organisation != metadata.end()) {
      principal.organisation = MetadataText(organisation->second);
    }
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
