#include "tests/rpc_walk.h"

#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <chrono>
#include <future>
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace redress::testing {
namespace {

using ::google::protobuf::MethodDescriptor;
using ::google::protobuf::ServiceDescriptor;

// Long enough for a loaded two-core machine, short enough that a hung handler shows quickly.
constexpr auto kCallDeadline = std::chrono::seconds(5);

// The ErrorInfo of an error's google.rpc details; empty when it has none.
google::rpc::ErrorInfo ErrorInfoOf(const grpc::Status& status) {
  google::rpc::ErrorInfo info;
  google::rpc::Status rpc;
  if (!rpc.ParseFromString(status.error_details())) return info;
  for (const google::protobuf::Any& any : rpc.details()) {
    if (any.Is<google::rpc::ErrorInfo>()) any.UnpackTo(&info);
  }
  return info;
}

std::string Describe(const grpc::Status& status) {
  const google::rpc::ErrorInfo info = ErrorInfoOf(status);
  std::string text =
      absl::StrCat("code ", status.error_code(), " \"", status.error_message(), "\"");
  if (!info.reason().empty()) absl::StrAppend(&text, " reason ", info.reason());
  if (!info.domain().empty()) absl::StrAppend(&text, " domain ", info.domain());
  auto method = info.metadata().find("method");
  if (method != info.metadata().end()) absl::StrAppend(&text, " method ", method->second);
  return text;
}

// A refusal by some service's table: PERMISSION_DENIED with reason PERMISSION_DENIED. (A handler
// refusing a caller within an allowed call says why with another reason, such as OUT_OF_SCOPE.)
bool IsTableRefusal(const grpc::Status& status) {
  return status.error_code() == grpc::StatusCode::PERMISSION_DENIED &&
         ErrorInfoOf(status).reason() == kPermissionDeniedReason;
}

// The refusal of `method` by `policy` itself: its error domain, and the method named in the
// metadata (so a handler that checks the table under another method's name is caught).
bool IsRefusalOf(const grpc::Status& status, const CallPolicy& policy, const std::string& method) {
  const google::rpc::ErrorInfo info = ErrorInfoOf(status);
  auto named = info.metadata().find("method");
  return IsTableRefusal(status) && info.domain() == policy.error_domain() &&
         named != info.metadata().end() && named->second == method;
}

// An empty request (zero bytes: every field absent) to `path`, and the answer.
grpc::Status CallWithEmptyRequest(grpc::GenericStub& stub, const std::string& path) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + kCallDeadline);
  // One empty slice: a ByteBuffer with no slices at all is no message to gRPC.
  grpc::Slice no_bytes;
  const grpc::ByteBuffer request(&no_bytes, 1);
  grpc::ByteBuffer response;
  std::promise<grpc::Status> answered;
  stub.UnaryCall(&context, path, grpc::StubOptions(), &request, &response,
                 [&answered](grpc::Status status) { answered.set_value(std::move(status)); });
  return answered.get_future().get();
}

// Empty when `status` is right for `caller` calling `method`; otherwise what was expected.
std::string Mismatch(const grpc::Status& status, const WalkCaller& caller, const CallPolicy& policy,
                     const std::string& method) {
  const grpc::StatusCode code = status.error_code();
  switch (caller.expect) {
    case WalkCaller::Expect::kUnauthenticated:
      if (code == grpc::StatusCode::UNAUTHENTICATED &&
          absl::StrContains(status.error_message(), caller.refusal)) {
        return "";
      }
      return absl::StrCat("expected UNAUTHENTICATED saying \"", caller.refusal, "\"");
    case WalkCaller::Expect::kHandshakeRefused:
      return code == grpc::StatusCode::UNAVAILABLE ? "" : "expected UNAVAILABLE (handshake)";
    case WalkCaller::Expect::kTable:
      break;
  }
  const MethodAccess* entry = policy.Find(method);
  if (entry == nullptr) return "the table has no entry (see TableMismatches)";
  if (!TableAllows(*entry, caller.principal)) {
    return IsRefusalOf(status, policy, method)
               ? ""
               : absl::StrCat("the table refuses: expected PERMISSION_DENIED with reason ",
                              std::string(kPermissionDeniedReason), ", domain ",
                              std::string(policy.error_domain()), " and metadata method ", method);
  }
  switch (code) {
    case grpc::StatusCode::UNAUTHENTICATED:
    case grpc::StatusCode::UNIMPLEMENTED:
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return "the table allows: expected the handler's own answer";
    default:
      return IsTableRefusal(status) ? "the table allows: expected no refusal by a table" : "";
  }
}

}  // namespace

const ServiceDescriptor* GeneratedService(const google::protobuf::Descriptor* message_of_its_file,
                                          const std::string& full_name) {
  const ServiceDescriptor* service =
      google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(full_name);
  return service != nullptr && service->file() == message_of_its_file->file() ? service : nullptr;
}

bool TableAllows(const MethodAccess& entry, const Principal& caller) {
  switch (caller.kind) {
    case Principal::Kind::kUser:
      return std::any_of(entry.roles.begin(), entry.roles.end(),
                         [&](auth::Role role) { return caller.HasRole(role); });
    case Principal::Kind::kService:
      return std::find(entry.services.begin(), entry.services.end(), caller.subject) !=
             entry.services.end();
    case Principal::Kind::kDevelopment:
      return true;
  }
  return false;
}

std::vector<std::string> TableMismatches(const ServiceDescriptor& service,
                                         const CallPolicy& policy) {
  std::vector<std::string> problems;
  std::set<std::string> rpcs;
  for (int i = 0; i < service.method_count(); ++i) {
    const MethodDescriptor& method = *service.method(i);
    rpcs.insert(method.name());
    if (policy.Find(method.name()) == nullptr) {
      problems.push_back(absl::StrCat(service.full_name(), ".", method.name(),
                                      " has no entry in the table (who may call it?)"));
    }
    if (method.client_streaming() || method.server_streaming()) {
      problems.push_back(absl::StrCat(service.full_name(), ".", method.name(),
                                      " streams: the walk cannot call it"));
    }
  }
  std::set<std::string> entries;
  for (const MethodAccess& entry : policy.methods()) {
    if (rpcs.count(entry.method) == 0) {
      problems.push_back(
          absl::StrCat("the table's entry ", entry.method, " is no RPC of ", service.full_name()));
    }
    if (!entries.insert(entry.method).second) {
      problems.push_back(absl::StrCat("the table lists ", entry.method, " twice"));
    }
  }
  return problems;
}

std::vector<std::string> WalkEveryRpc(const std::string& address, const ServiceDescriptor& service,
                                      const CallPolicy& policy,
                                      const std::vector<WalkCaller>& callers, int* calls) {
  std::vector<std::string> problems;
  int made = 0;
  for (const WalkCaller& caller : callers) {
    // One channel per caller, as a real client has: the handshake happens once.
    grpc::GenericStub stub(grpc::CreateChannel(address, caller.credentials));
    for (int i = 0; i < service.method_count(); ++i) {
      const std::string method = service.method(i)->name();
      const grpc::Status status =
          CallWithEmptyRequest(stub, absl::StrCat("/", service.full_name(), "/", method));
      ++made;
      const std::string mismatch = Mismatch(status, caller, policy, method);
      if (!mismatch.empty()) {
        problems.push_back(absl::StrCat(method, " called by ", caller.name, ": ", mismatch,
                                        ", got ", Describe(status)));
      }
    }
  }
  if (calls != nullptr) *calls = made;
  return problems;
}

}  // namespace redress::testing
