// The benchmark's client: keeps exactly N unary calls in flight against one method, starting the
// next call as soon as one finishes (a closed loop), on gRPC's asynchronous API: a few threads,
// each polling its own completion queue, instead of a thread per call, so that 256 calls in
// flight cost the client no more threads than 1. Requests are bytes sent with grpc::GenericStub,
// so one generator drives the echo baseline and every service method alike.
#pragma once

#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "bench/call_figures.h"

namespace redress::bench {

// One unary RPC the generator repeats.
struct UnaryMethod {
  // Full method name, "/redress.intake.v1.Intake/SubmitComplaint".
  std::string method;
  // The serialized request of call number `sequence`. Called concurrently from the generator's
  // threads.
  std::function<std::string(int64_t sequence)> request;
  // When set, given each OK response (concurrently), e.g. to remember what a call created.
  std::function<void(const grpc::ByteBuffer& response)> on_response;
};

// What one call did, reported as it finishes.
struct CallOutcome {
  // The generator thread it finished on, from 0: lets a recorder keep a bucket per thread.
  int thread = 0;
  int64_t sequence = 0;
  grpc::StatusCode code = grpc::StatusCode::OK;
  SteadyTime started;
  SteadyTime finished;
  // The response; meaningful only when `code` is OK, and only during the callback.
  const grpc::ByteBuffer* response = nullptr;
};

// The sequence number of the next call to start, or nullopt to start no more. Called
// concurrently.
using NextSequence = std::function<std::optional<int64_t>()>;
// Called once per call as it finishes, concurrently from the generator's threads.
using OnOutcome = std::function<void(const CallOutcome&)>;

class LoadGenerator {
 public:
  // Calls are spread over `channels` (call i of those in flight always on channel i modulo their
  // number); up to `threads` threads share the calls in flight; every call has `deadline`.
  LoadGenerator(const std::vector<std::shared_ptr<grpc::Channel>>& channels, int threads,
                absl::Duration deadline);

  // The most threads a run with `in_flight` calls uses (which a recorder sizes its buckets by).
  int ThreadsFor(int in_flight) const;

  // Keeps `in_flight` calls of `method` running while `next` gives sequence numbers; returns once
  // every call started has finished (each within the deadline).
  void Run(const UnaryMethod& method, int in_flight, const NextSequence& next,
           const OnOutcome& on_outcome);

 private:
  // One thread's share: calls `first` to `first + count - 1` of those in flight, on its own
  // completion queue.
  void RunQueue(int thread, int first, int count, const UnaryMethod& method,
                const NextSequence& next, const OnOutcome& on_outcome);

  std::vector<std::unique_ptr<grpc::GenericStub>> stubs_;
  int threads_;
  absl::Duration deadline_;
};

}  // namespace redress::bench
