#include "common/call_trace.h"

#include <string>
#include <string_view>
#include <utility>

namespace redress {
namespace {

using grpc::experimental::InterceptionHookPoints;

// The server's own metadata key for the call's span, beside the caller's traceparent.
constexpr char kCallTraceMetadata[] = "redress-call-trace";

// A view of the call's metadata, which lives as long as the call.
std::string_view MetadataValue(const grpc::ServerContextBase& context, const char* key) {
  const auto& metadata = context.client_metadata();
  const auto found = metadata.find(key);
  return found == metadata.end() ? std::string_view()
                                 : std::string_view(found->second.data(), found->second.size());
}

class CallTraceInterceptor final : public grpc::experimental::Interceptor {
 public:
  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_INITIAL_METADATA)) {
      std::multimap<grpc::string_ref, grpc::string_ref>* metadata =
          methods->GetRecvInitialMetadata();
      metadata->erase(kCallTraceMetadata);  // only this server says what the call's span is
      const auto parent = metadata->find(kTraceparentMetadata);
      span_ =
          ContinueOrStartTrace(parent == metadata->end()
                                   ? std::string_view()
                                   : std::string_view(parent->second.data(), parent->second.size()))
              .Traceparent();
      metadata->emplace(kCallTraceMetadata, span_);  // span_ outlives the call's metadata use
    }
    methods->Proceed();
  }

 private:
  std::string span_;
};

class CallTraceFactory final : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo*) override {
    return new CallTraceInterceptor();
  }
};

class TraceSendingInterceptor final : public grpc::experimental::Interceptor {
 public:
  explicit TraceSendingInterceptor(std::string traceparent)
      : traceparent_(std::move(traceparent)) {}
  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_INITIAL_METADATA)) {
      methods->GetSendInitialMetadata()->emplace(kTraceparentMetadata, traceparent_);
    }
    methods->Proceed();
  }

 private:
  const std::string traceparent_;
};

class TraceSendingFactory final : public grpc::experimental::ClientInterceptorFactoryInterface {
 public:
  // Called on the thread that starts the call, whose current span it captures.
  grpc::experimental::Interceptor* CreateClientInterceptor(
      grpc::experimental::ClientRpcInfo*) override {
    std::string traceparent = CurrentTraceparent();
    return traceparent.empty() ? nullptr : new TraceSendingInterceptor(std::move(traceparent));
  }
};

}  // namespace

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> NewCallTraceFactory() {
  return std::make_unique<CallTraceFactory>();
}

TraceContext CallTraceOf(const grpc::ServerContextBase& context) {
  if (std::optional<TraceContext> span =
          ParseTraceparent(MetadataValue(context, kCallTraceMetadata))) {
    return *std::move(span);
  }
  return ContinueOrStartTrace(MetadataValue(context, kTraceparentMetadata));
}

std::unique_ptr<grpc::experimental::ClientInterceptorFactoryInterface> NewTraceSendingFactory() {
  return std::make_unique<TraceSendingFactory>();
}

}  // namespace redress
