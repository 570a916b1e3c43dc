#include "bench/load_generator.h"

#include <algorithm>
#include <thread>
#include <vector>

namespace redress::bench {
namespace {

// One call in flight: everything gRPC writes into until its completion arrives. A slot is reused
// for the next call once it has finished (with a fresh context: a context serves one call).
struct CallSlot {
  grpc::GenericStub* stub = nullptr;
  std::unique_ptr<grpc::ClientContext> context;
  std::unique_ptr<grpc::GenericClientAsyncResponseReader> reader;
  grpc::ByteBuffer response;
  grpc::Status status;
  int64_t sequence = 0;
  SteadyTime started;
};

grpc::ByteBuffer ToByteBuffer(const std::string& bytes) {
  grpc::Slice slice(bytes);
  return grpc::ByteBuffer(&slice, 1);
}

}  // namespace

LoadGenerator::LoadGenerator(const std::vector<std::shared_ptr<grpc::Channel>>& channels,
                             int threads, absl::Duration deadline)
    : threads_(std::max(1, threads)), deadline_(deadline) {
  for (const auto& channel : channels) {
    stubs_.push_back(std::make_unique<grpc::GenericStub>(channel));
  }
}

int LoadGenerator::ThreadsFor(int in_flight) const { return std::min(threads_, in_flight); }

void LoadGenerator::Run(const UnaryMethod& method, int in_flight, const NextSequence& next,
                        const OnOutcome& on_outcome) {
  const int threads = ThreadsFor(in_flight);
  std::vector<std::thread> running;
  int first = 0;
  for (int t = 0; t < threads; ++t) {
    // Spread the calls evenly: 64 over 3 threads is 22, 21, 21.
    const int count = in_flight / threads + (t < in_flight % threads ? 1 : 0);
    running.emplace_back(
        [&, t, first, count] { RunQueue(t, first, count, method, next, on_outcome); });
    first += count;
  }
  for (std::thread& thread : running) thread.join();
}

void LoadGenerator::RunQueue(int thread, int first, int count, const UnaryMethod& method,
                             const NextSequence& next, const OnOutcome& on_outcome) {
  grpc::CompletionQueue queue;
  std::vector<CallSlot> slots(count);
  for (int i = 0; i < count; ++i) {
    slots[i].stub = stubs_[static_cast<size_t>(first + i) % stubs_.size()].get();
  }
  int running = 0;
  // Starts the next call in `slot`; false when `next` says to stop.
  auto start = [&](CallSlot& slot) {
    std::optional<int64_t> sequence = next();
    if (!sequence.has_value()) return false;
    slot.sequence = *sequence;
    slot.context = std::make_unique<grpc::ClientContext>();
    slot.context->set_deadline(std::chrono::system_clock::now() +
                               absl::ToChronoNanoseconds(deadline_));
    const grpc::ByteBuffer request = ToByteBuffer(method.request(slot.sequence));
    slot.started = std::chrono::steady_clock::now();
    slot.reader = slot.stub->PrepareUnaryCall(slot.context.get(), method.method, request, &queue);
    slot.reader->StartCall();
    slot.reader->Finish(&slot.response, &slot.status, &slot);
    ++running;
    return true;
  };
  for (CallSlot& slot : slots) {
    if (!start(slot)) break;
  }
  void* tag = nullptr;
  bool ok = false;
  while (running > 0 && queue.Next(&tag, &ok)) {
    --running;
    CallSlot& slot = *static_cast<CallSlot*>(tag);
    CallOutcome outcome;
    outcome.thread = thread;
    outcome.sequence = slot.sequence;
    outcome.code = slot.status.error_code();
    outcome.started = slot.started;
    outcome.finished = std::chrono::steady_clock::now();
    outcome.response = &slot.response;
    if (slot.status.ok() && method.on_response) method.on_response(slot.response);
    on_outcome(outcome);
    start(slot);
  }
  queue.Shutdown();
  while (queue.Next(&tag, &ok)) {
  }
}

}  // namespace redress::bench
