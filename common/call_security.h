// Who is calling (authentication) on a Redress server. A server with TLS (server.h,
// ServerConfig::tls) learns it from the call's credentials: a bearer token, verified as the call
// arrives (the token processor and the caller interceptor below), makes a user; a client
// certificate naming a Redress service (tls.h, PeerService) makes that service. A server in
// insecure development mode has no credentials to check, and every call comes from the development
// caller.
#pragma once

#include <grpcpp/security/auth_metadata_processor.h>
#include <grpcpp/server_context.h>
#include <grpcpp/support/server_interceptor.h>

#include <memory>

#include "absl/status/statusor.h"
#include "common/auth/token_verifier.h"
#include "common/principal.h"

namespace redress {

// The processor a TLS server's credentials run on every call before any method: a call without
// an "authorization" header passes untouched (a peer service, or a health check; CallerOf then
// decides); a call with one passes only when `verifier` accepts the token; otherwise the call
// ends UNAUTHENTICATED with the verifier's message. It records nothing in the AuthContext, which
// gRPC shares between every call of a connection (grpc/grpc#28809).
std::shared_ptr<grpc::AuthMetadataProcessor> NewTokenProcessor(
    std::shared_ptr<const auth::TokenVerifier> verifier);

// The server interceptor that tells CallerOf who the user of a call is: as the call's metadata
// arrives it verifies the "authorization" header's token with `verifier` (null: the server
// accepts no user) and replaces the header by the user's subject, roles and organisation in
// metadata entries of the server's own, which no client can set. Every server installs it
// (server.h), first of all.
std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> NewCallerInterceptorFactory(
    std::shared_ptr<const auth::TokenVerifier> verifier);

// The caller of the call `context` serves: on a TLS connection, the user of the verified token
// or else the Redress service of the verified client certificate, and UNAUTHENTICATED when there
// is neither; on a plaintext connection (only an insecure development server serves one),
// DevelopmentPrincipal(), or the user a kDevelopmentCallerHeader names (INVALID_ARGUMENT when it
// does not parse).
absl::StatusOr<Principal> CallerOf(const grpc::ServerContextBase& context);

// On an insecure development server only (plaintext, loopback), a call may say which user it
// stands for, to see a service as a complainant or a liaison would: the header's value is
// DevelopmentCallerHeaderValue(user). It cannot widen anything: every plaintext caller is already
// the development caller, who may do everything. A TLS server never reads it. Service tests use it
// to call handlers as a given principal (common/testing/in_process_server.h, CallAs).
inline constexpr char kDevelopmentCallerHeader[] = "redress-development-caller";

// "subject=<sub>;roles=<role>,<role>;organisation=<id>" for a kUser principal (roles by
// auth::RoleName; organisation omitted when empty). Subjects and organisations must not contain
// ';' or '='.
std::string DevelopmentCallerHeaderValue(const Principal& user);

}  // namespace redress
