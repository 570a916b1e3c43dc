// Walking every RPC of a served service with every kind of caller (issue 13): each RPC of the
// service's descriptor is called with an empty request, and the answer is compared with what the
// service's table (common/access.h) says of that caller. The table and the descriptor must list
// the same RPCs, so a new RPC without a table line fails here.
#pragma once

#include <google/protobuf/descriptor.h>
#include <grpcpp/security/credentials.h>

#include <memory>
#include <string>
#include <vector>

#include "common/access.h"
#include "common/principal.h"

namespace redress::testing {

// One way of calling: the channel credentials (TLS, maybe a client certificate, maybe a bearer
// token) and what a correct server answers such a caller.
struct WalkCaller {
  enum class Expect {
    // The table decides for `principal`: PERMISSION_DENIED with the table's ErrorInfo when it
    // refuses; when it allows, any answer of the handler itself (an empty request may be
    // INVALID_ARGUMENT, NOT_FOUND, or PERMISSION_DENIED with another reason such as
    // OUT_OF_SCOPE), never UNAUTHENTICATED, and never an answer that shows no handler ran
    // (UNIMPLEMENTED, UNAVAILABLE, DEADLINE_EXCEEDED).
    kTable,
    // Every RPC is UNAUTHENTICATED, with `refusal` in its message: no usable identity (no
    // token, a refused token, a certificate naming no Redress service). The message shows the
    // caller was refused for the reason the test meant, not for an accident of its making.
    kUnauthenticated,
    // Every RPC is UNAVAILABLE: the TLS handshake is refused (a certificate from another CA).
    kHandshakeRefused,
  };

  std::string name;  // for failure messages: "token of caseworker"
  std::shared_ptr<grpc::ChannelCredentials> credentials;
  Expect expect = Expect::kTable;
  Principal principal;  // with kTable: who the server should take the caller to be
  std::string refusal;  // with kUnauthenticated: what the status message must contain
};

// The service `full_name` from the generated descriptor pool. `message_of_its_file` is any message
// of the same .proto file: naming it links that file's generated code, which registers the file
// in the pool (a test that only calls the service by name would otherwise find nothing). Null
// when the file has no such service.
const google::protobuf::ServiceDescriptor* GeneratedService(
    const google::protobuf::Descriptor* message_of_its_file, const std::string& full_name);

// Whether the table entry `entry` lets `caller` call its RPC, read from the entry's lists of
// roles and services (deliberately not CallPolicy::Authorize, which is what the server runs).
bool TableAllows(const MethodAccess& entry, const Principal& caller);

// The RPCs of `service` without an entry in `policy`, the entries of `policy` naming no RPC of
// `service`, and the RPCs that stream (the walk sends one request): one line each; empty when the
// two agree.
std::vector<std::string> TableMismatches(const google::protobuf::ServiceDescriptor& service,
                                         const CallPolicy& policy);

// Calls every RPC of `service` at `address` once per caller, each with an empty request and a
// deadline of a few seconds, and returns one line per answer that is not what the caller's
// Expect says (naming the RPC, the caller, the answer and what was expected); empty when every
// answer is right. `calls` (when not null) receives the number of calls made.
std::vector<std::string> WalkEveryRpc(const std::string& address,
                                      const google::protobuf::ServiceDescriptor& service,
                                      const CallPolicy& policy,
                                      const std::vector<WalkCaller>& callers, int* calls = nullptr);

}  // namespace redress::testing
