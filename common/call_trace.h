// Trace context over gRPC (trace_context.h): the server side takes the caller's `traceparent`
// metadata, or starts a trace, and makes one span per call, which the handler (ServeCall,
// handler.h) and the call's "rpc" log line both use; the client side sends the calling thread's
// current span as `traceparent` on every call to a peer service (peer_channel.h).
#pragma once

#include <grpcpp/server_context.h>
#include <grpcpp/support/client_interceptor.h>
#include <grpcpp/support/server_interceptor.h>

#include <memory>

#include "common/trace_context.h"

namespace redress {

// The W3C header, as gRPC metadata.
inline constexpr char kTraceparentMetadata[] = "traceparent";

// Makes the span of each call. It must be the server's first interceptor. The span reaches the
// handler as metadata of the server's own (any copy a client sends is dropped), so that the
// handler and the log line of the call name the same span.
std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> NewCallTraceFactory();

// The span of the call `context` serves: the one the interceptor above made; a child of the
// caller's traceparent, or a new trace, on a server without it (in-process tests).
TraceContext CallTraceOf(const grpc::ServerContextBase& context);

// Sends the current span (CurrentTraceparent) of the thread that starts each call, if any.
std::unique_ptr<grpc::experimental::ClientInterceptorFactoryInterface> NewTraceSendingFactory();

}  // namespace redress
