// The libFuzzer harness every service's fuzz target shares: arbitrary bytes, as the request of
// any method of the service, through the real gRPC server bootstrap (common/server.h) to the
// service's handlers, in process. What each target adds is the service itself, over a real SQLite
// store in a scratch directory (fuzz/<service>_fuzz.cc).
//
// An input is [method][caller][request bytes...]: the first byte picks the method (modulo the
// number of the service's methods, in the order the .proto declares them), the second the caller
// (FuzzCallers), and the rest is sent as the request exactly as it is, without re-encoding, so
// unknown fields, repeated scalars packed or not, and duplicated singular fields reach the
// server's parser as a hostile client would send them. Bytes that do not parse as the method's
// request type are not sent: gRPC refuses them before any code of ours runs.
//
// What counts as a failure (the process aborts, so libFuzzer keeps the input): anything the
// sanitizers report, and an answer that breaks the API conventions (DESIGN §4, docs/api.md): an
// INTERNAL, UNKNOWN or DATA_LOSS status (a hostile request must never reach an unexpected
// failure), an error without google.rpc.Status details carrying an ErrorInfo, or an OK answer
// that does not parse as the method's response type.
#pragma once

#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "common/outbox.h"
#include "common/principal.h"
#include "common/server.h"
#include "google/protobuf/descriptor.h"

namespace redress::fuzz {

// The callers an input's second byte picks from (modulo their number): the development caller
// (every role), and users with one role each, so that the access table and the scoping rules of
// each role are fuzzed too. The complainant and organisation liaison reach what the seeds create
// (complaint c1, organisation cafcass).
std::vector<Principal> FuzzCallers();

// A directory for the target's store: $REDRESS_FUZZ_DIR, else /dev/shm when writable (fsync is
// free there, so SQLite's synchronous=FULL does not dominate), else $TMPDIR or /tmp; a fresh
// subdirectory "<name>-<pid>" of it, removed at exit.
std::string ScratchDirectory(const std::string& name);

class ServiceUnderFuzz {
 public:
  // Serves `service` (which must outlive this) in insecure development mode on 127.0.0.1:0, with
  // the service's own limit on a request's size (`max_request_bytes`, as its main.cc does), and
  // connects a generic stub to it. `service_full_name` names the service's descriptor in the
  // generated pool (v1::Intake::service_full_name()); its seeds are in fuzz/seeds/`seeds`.
  // Aborts when the server cannot start.
  ServiceUnderFuzz(grpc::Service* service, const std::string& service_full_name, std::string seeds,
                   int max_request_bytes);
  ~ServiceUnderFuzz();

  // Runs one input (see the file comment); aborts on a failure.
  void Run(const uint8_t* data, size_t size);

  // libFuzzer's custom mutator: mutates the input data[0, size) in place into at most `max_size`
  // bytes and returns its new size. One time in four, or when the request does not parse, with
  // libFuzzer's byte mutations; one in sixteen of the rest picks another method or caller; the
  // others mutate the parsed request (request_mutator.h) and encode it again.
  size_t Mutate(uint8_t* data, size_t size, size_t max_size, unsigned int seed);

  // Reads the seed requests in fuzz/seeds/<seeds>/: files
  // "<order>-<Method>[-<anything>].textproto", each a request of the method in protobuf text
  // format, by file name order. Each is run (so the store holds what later inputs can refer to:
  // complaints, investigations, recommendations) and, when `corpus_dir` is not empty, written there
  // as an input with caller 0. Aborts when a seed does not parse or names no method: a broken seed
  // must not quietly shrink the corpus.
  void RunSeeds(const std::string& corpus_dir);

 private:
  // Sends `request` to method `method` as `caller`, checks the answer, and returns its status.
  grpc::Status Call(const google::protobuf::MethodDescriptor& method, const Principal& caller,
                    const std::string& request);

  const google::protobuf::ServiceDescriptor* descriptor_;
  std::string seeds_dir_;
  std::vector<Principal> callers_;
  std::unique_ptr<RunningServer> server_;
  std::unique_ptr<grpc::GenericStub> stub_;
};

// The transport of a service's outbox sender under fuzzing: the next service is never reached
// (the sender is not started, so it is only there for GetHandoffStatus to report on).
class UnreachablePeer final : public OutboxTransport {
 public:
  absl::Status Deliver(const OutboxRecord& record, absl::Time deadline) override {
    return absl::UnavailableError("not reached while fuzzing");
  }
};

// Defined by each target (fuzz/<service>_fuzz.cc): builds the service over its store and returns
// its harness. Called once, by LLVMFuzzerInitialize (service_fuzzer.cc, which also runs the seeds
// and defines LLVMFuzzerTestOneInput); nothing it makes is ever destroyed, since gRPC's threads
// may still be running when the process exits.
ServiceUnderFuzz& StartService();

}  // namespace redress::fuzz
