// Transport security for the end-to-end tests and benchmarks, which run the services as they are
// deployed: TLS with the development CA, users with bearer tokens, peers with mutual TLS. The
// credentials are made once, at build time, by tests/make-test-credentials into
// <build>/test-credentials (target redress_test_credentials): tls/ (CA and one certificate per
// service), jwt/ (the token key) and tokens/<role>.jwt (one per role, and staff.jwt with every
// staff role).
#pragma once

#include <grpcpp/security/credentials.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace redress::testing {

// The token every test client sends unless it asks for another: every staff role.
inline constexpr char kStaffRole[] = "staff";

// <build>/test-credentials.
const std::string& TestCredentialsDir();

// The flags that give service `service` ("intake", "investigation", "remedy") its certificate
// (for serving, and for calling its peers with mutual TLS) and the keys that verify tokens.
std::vector<std::string> ServiceSecurityFlags(const std::string& service);

// The file holding `role`'s token ("caseworker", ..., or kStaffRole), and the token itself.
std::string TestTokenFile(const std::string& role);
std::string TestToken(const std::string& role);

// TLS trusting the test CA, sending `role`'s token on every call; no token when `role` is empty
// (enough for health and reflection, which need none).
std::shared_ptr<grpc::ChannelCredentials> TestChannelCredentials(
    const std::string& role = kStaffRole);

// The environment a client process (the CLI, the Python and Node clients) reads its CA and token
// from: {"REDRESS_CA_FILE", ...}, {"REDRESS_TOKEN_FILE", ...}.
std::vector<std::pair<std::string, std::string>> TestClientEnvironment(
    const std::string& role = kStaffRole);

// The same as "export NAME='value' ..." for a shell command line.
std::string TestClientEnvironmentExports(const std::string& role = kStaffRole);

}  // namespace redress::testing
