#include "common/server.h"

#include <grpc/grpc.h>
#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/generic/async_generic_service.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/impl/server_builder_option.h>
#include <grpcpp/impl/server_builder_plugin.h>
#include <grpcpp/resource_quota.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server_builder.h>
#include <grpcpp/support/server_interceptor.h>
#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/synchronization/mutex.h"
#include "common/call_security.h"
#include "common/handler.h"
#include "common/log.h"
#include "common/metrics/metrics.h"
#include "common/metrics/metrics_exposer.h"
#include "common/rpc_log.h"

namespace redress {
namespace {

// Both switches are process-wide and not thread-safe in gRPC, so flip each exactly once.
void EnableHealth() {
  static std::once_flag once;
  std::call_once(once, [] { grpc::EnableDefaultHealthCheckService(true); });
}
void EnableReflection() {
  static std::once_flag once;
  std::call_once(once, [] { grpc::reflection::InitProtoReflectionServerBuilderPlugin(); });
}

// Removes the reflection plugin from one server's builder. gRPC's reflection library registers
// its plugin process-wide (also from a static initializer when linked), so turning reflection off
// for a server means taking the plugin out of that server's list.
class WithoutReflection final : public grpc::ServerBuilderOption {
 public:
  void UpdateArguments(grpc::ChannelArguments*) override {}
  void UpdatePlugins(std::vector<std::unique_ptr<grpc::ServerBuilderPlugin>>* plugins) override {
    plugins->erase(std::remove_if(plugins->begin(), plugins->end(),
                                  [](const std::unique_ptr<grpc::ServerBuilderPlugin>& plugin) {
                                    return plugin->name() == "proto_server_reflection";
                                  }),
                   plugins->end());
  }
};

// The host part of a gRPC listen address ("127.0.0.1:0" -> "127.0.0.1", "[::1]:50051" -> "[::1]").
std::string ListenHost(const std::string& listen_address) {
  const size_t colon = listen_address.rfind(':');
  return colon == std::string::npos ? listen_address : listen_address.substr(0, colon);
}

bool IsLoopback(const std::string& listen_address) {
  const std::string host = ListenHost(listen_address);
  return host == "localhost" || host == "[::1]" || absl::StartsWith(host, "127.");
}

// The credentials of the service port: TLS with the token processor, or plaintext.
absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> CredentialsFor(
    const ServerConfig& config) {
  if (!config.tls.has_value()) {
    if (!IsLoopback(config.listen_address)) {
      return absl::InvalidArgumentError(
          absl::StrCat("insecure mode serves loopback addresses only, not ", config.listen_address,
                       ": configure TLS (--tls_cert_file, --tls_key_file, --tls_ca_file)"));
    }
    return grpc::InsecureServerCredentials();
  }
  absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> credentials =
      ServerCredentials(*config.tls, config.tls_refresh_interval);
  if (!credentials.ok()) return credentials.status();
  if (config.tokens != nullptr) {
    (*credentials)->SetAuthMetadataProcessor(NewTokenProcessor(config.tokens));
  }
  return credentials;
}

void ConfigureBuilder(const ServerConfig& config,
                      const std::shared_ptr<grpc::ServerCredentials>& credentials,
                      grpc::ServerBuilder& builder, int* selected_port) {
  builder.AddListeningPort(config.listen_address, credentials, selected_port);
  // Without this a second server on an occupied port would silently share it.
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  grpc::ResourceQuota quota(absl::StrCat(config.log_name, "-quota"));
  quota.SetMaxThreads(config.max_threads);
  builder.SetResourceQuota(quota);
  builder.SetMaxReceiveMessageSize(config.max_receive_message_bytes);
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> creators;
  // First: the user of a call's token, before anything reads the call's metadata.
  creators.push_back(NewCallerInterceptorFactory(config.tokens));
  creators.push_back(NewCallTraceFactory());  // the others log in the call's span
  creators.push_back(NewRpcLogInterceptorFactory());
  builder.experimental().SetInterceptorCreators(std::move(creators));
}

// The host part of a gRPC listen address, made dialable.
std::string DialableHost(const std::string& listen_address) {
  std::string host = ListenHost(listen_address);
  if (host.empty()) return "localhost";
  if (host == "0.0.0.0") return "127.0.0.1";
  if (host == "[::]") return "[::1]";
  return host;
}

const char* SignalName(int signal) {
  switch (signal) {
    case SIGTERM:
      return "SIGTERM";
    case SIGINT:
      return "SIGINT";
    default:
      return "unknown";
  }
}

sigset_t TerminationSignals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  return signals;
}

// A plaintext server on `address` with nothing but the default health service (no reflection,
// no Redress service): what Kubernetes' gRPC probes, which cannot speak TLS, may reach.
// `unimplemented` answers every other method UNIMPLEMENTED (gRPC will not start a server without
// a service of its own); it must outlive the server.
absl::StatusOr<std::unique_ptr<grpc::Server>> StartHealthOnlyServer(
    const std::string& address, grpc::CallbackGenericService& unimplemented, int* selected_port) {
  grpc::ServerBuilder builder;
  builder.RegisterCallbackGenericService(&unimplemented);
  builder.SetOption(std::make_unique<WithoutReflection>());
  builder.AddListeningPort(address, grpc::InsecureServerCredentials(), selected_port);
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  builder.SetMaxReceiveMessageSize(4 * 1024);  // health requests name a service; nothing more
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || *selected_port == 0) {
    if (server != nullptr) server->Shutdown();
    return absl::UnavailableError(
        absl::StrCat("cannot listen on ", address, " for health (address in use or malformed)"));
  }
  return server;
}

}  // namespace

struct RunningServer::Impl {
  ServerConfig config;
  // What the requests of our services' calls may hold; before the executor, whose queued calls
  // hold shares of it, so it is destroyed after them.
  std::unique_ptr<RequestMemoryBudget> request_budget;
  // Where our services' handlers run. Declared before `server` so it is destroyed after it; by
  // then Shutdown has waited for every call.
  std::unique_ptr<CallExecutor> executor;
  std::unique_ptr<grpc::Server> server;
  // The plaintext health-only server, when configured, and its answer to everything else.
  grpc::CallbackGenericService health_server_fallback;
  std::unique_ptr<grpc::Server> health_server;
  std::vector<std::string> health_names;
  std::unique_ptr<metrics::MetricsExposer> metrics_exposer;
  // The executor's load and the budget's use, at each scrape.
  std::optional<metrics::ScrapedGauge> calls_running;
  std::optional<metrics::ScrapedGauge> calls_queued;
  std::optional<metrics::ScrapedGauge> request_memory;
  absl::Mutex mu;
  // Never held while draining, so handlers calling SetServing cannot block the drain.
  bool shutdown_started ABSL_GUARDED_BY(mu) = false;
  bool shutdown_done ABSL_GUARDED_BY(mu) = false;
};

void BlockTerminationSignals() {
  const sigset_t signals = TerminationSignals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
}

RunningServer::RunningServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

RunningServer::~RunningServer() { Shutdown(); }

absl::StatusOr<std::unique_ptr<RunningServer>> RunningServer::Start(
    const ServerConfig& config, std::vector<HostedService> services) {
  EnableHealth();
  if (config.reflection) EnableReflection();
  grpc::ServerBuilder builder;
  if (!config.reflection) builder.SetOption(std::make_unique<WithoutReflection>());
  absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> credentials = CredentialsFor(config);
  if (!credentials.ok()) return credentials.status();
  int selected_port = 0;
  ConfigureBuilder(config, *credentials, builder, &selected_port);
  auto impl = std::make_unique<Impl>();
  impl->config = config;
  if (config.handler_threads < 1 || config.max_queued_calls < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("handler threads must be at least 1 (not ", config.handler_threads,
                     ") and queued calls at least 0 (not ", config.max_queued_calls, ")"));
  }
  if (config.max_receive_message_bytes < 1 || config.request_memory_budget_bytes < 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "the largest request must be at least 1 byte (not ", config.max_receive_message_bytes,
        ") and the request memory budget at least 0 (not ", config.request_memory_budget_bytes,
        ")"));
  }
  impl->request_budget = std::make_unique<RequestMemoryBudget>(config.request_memory_budget_bytes);
  impl->executor = std::make_unique<CallExecutor>(CallExecutorOptions{
      config.handler_threads, config.max_queued_calls, config.busy_retry_delay, config.log_name});
  for (const HostedService& hosted : services) {
    if (hosted.service == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("hosted service \"", hosted.health_name, "\" is null"));
    }
    if (auto* callback = dynamic_cast<CallbackServing*>(hosted.service)) {
      callback->ServeOn(impl->executor.get(), impl->request_budget.get());
    }
    builder.RegisterService(hosted.service);
    impl->health_names.push_back(hosted.health_name);
  }
  impl->server = builder.BuildAndStart();
  if (impl->server == nullptr || selected_port == 0) {
    if (impl->server != nullptr) impl->server->Shutdown();
    return absl::UnavailableError(absl::StrCat("cannot listen on ", config.listen_address,
                                               " (address in use, not local, or malformed)"));
  }
  int health_port = 0;
  if (!config.health_listen_address.empty()) {
    absl::StatusOr<std::unique_ptr<grpc::Server>> health_server = StartHealthOnlyServer(
        config.health_listen_address, impl->health_server_fallback, &health_port);
    if (!health_server.ok()) {
      impl->server->Shutdown();
      return health_server.status();
    }
    impl->health_server = *std::move(health_server);
  }
  if (!config.metrics_listen_address.empty()) {
    absl::StatusOr<std::unique_ptr<metrics::MetricsExposer>> exposer =
        metrics::MetricsExposer::Start(config.metrics_listen_address);
    if (!exposer.ok()) {
      impl->server->Shutdown();
      if (impl->health_server != nullptr) impl->health_server->Shutdown();
      return exposer.status();
    }
    impl->metrics_exposer = *std::move(exposer);
  }
  for (grpc::Server* server : {impl->server.get(), impl->health_server.get()}) {
    if (server == nullptr) continue;
    grpc::HealthCheckServiceInterface* health = server->GetHealthCheckService();
    health->SetServingStatus("", true);
    for (const std::string& name : impl->health_names) health->SetServingStatus(name, true);
  }

  CallExecutor* executor = impl->executor.get();
  impl->calls_running.emplace(
      "redress_server_calls_running", "Calls whose handler is running on the server's executor.",
      "server", config.log_name,
      [executor]() -> std::optional<double> { return executor->load().running; });
  impl->calls_queued.emplace(
      "redress_server_calls_queued", "Calls waiting for one of the server's handler threads.",
      "server", config.log_name,
      [executor]() -> std::optional<double> { return executor->load().queued; });
  RequestMemoryBudget* budget = impl->request_budget.get();
  impl->request_memory.emplace(
      "redress_server_request_memory_bytes",
      "Estimated memory held by the requests of admitted calls not yet finished (at most "
      "--request_memory_budget_bytes, or one call's).",
      "server", config.log_name,
      [budget]() -> std::optional<double> { return budget->usage().bytes; });

  std::unique_ptr<RunningServer> running(new RunningServer(std::move(impl)));
  running->port_ = selected_port;
  running->health_port_ = health_port;
  running->host_ = DialableHost(config.listen_address);
  Log(LogLevel::kInfo, "serving",
      {{"server", config.log_name},
       {"listen", config.listen_address},
       {"port", selected_port},
       {"transport", config.tls.has_value() ? "tls" : "insecure (loopback development)"},
       {"health_port", health_port},
       {"metrics_port", running->metrics_port()},
       {"handler_threads", config.handler_threads},
       {"max_queued_calls", config.max_queued_calls},
       {"max_request_bytes", config.max_receive_message_bytes},
       {"request_memory_budget_bytes", static_cast<long long>(config.request_memory_budget_bytes)},
       {"services", absl::StrJoin(running->impl_->health_names, ",")}});
  return running;
}

int RunningServer::metrics_port() const {
  return impl_->metrics_exposer == nullptr ? 0 : impl_->metrics_exposer->port();
}

std::string RunningServer::address() const { return absl::StrCat(host_, ":", port_); }

void RunningServer::SetServing(const std::string& health_name, bool serving) {
  absl::MutexLock lock(&impl_->mu);
  if (impl_->shutdown_started) return;
  impl_->server->GetHealthCheckService()->SetServingStatus(health_name, serving);
  if (impl_->health_server != nullptr) {
    impl_->health_server->GetHealthCheckService()->SetServingStatus(health_name, serving);
  }
}

void RunningServer::Shutdown() {
  {
    absl::MutexLock lock(&impl_->mu);
    if (impl_->shutdown_started) {
      impl_->mu.Await(absl::Condition(&impl_->shutdown_done));
      return;
    }
    impl_->shutdown_started = true;
  }
  const absl::Duration drain = impl_->config.drain_timeout;
  Log(LogLevel::kInfo, "draining",
      {{"server", impl_->config.log_name},
       {"drain_timeout_ms", absl::ToDoubleMilliseconds(drain)}});
  // NOT_SERVING first, so health watchers (load balancers) move away before the port closes.
  impl_->server->GetHealthCheckService()->Shutdown();
  if (impl_->health_server != nullptr) impl_->health_server->GetHealthCheckService()->Shutdown();
  impl_->server->Shutdown(absl::ToChronoTime(absl::Now() + drain));
  impl_->server->Wait();
  // The health port answers NOT_SERVING until the service port has drained.
  if (impl_->health_server != nullptr) {
    impl_->health_server->Shutdown(absl::ToChronoTime(absl::Now()));
    impl_->health_server->Wait();
  }
  Log(LogLevel::kInfo, "stopped", {{"server", impl_->config.log_name}});
  absl::MutexLock lock(&impl_->mu);
  impl_->shutdown_done = true;
}

void RunningServer::WaitForTerminationSignal(const std::function<void()>& before_shutdown) {
  const sigset_t signals = TerminationSignals();
  sigset_t previous;
  pthread_sigmask(SIG_BLOCK, &signals, &previous);
  if (sigismember(&previous, SIGTERM) != 1 || sigismember(&previous, SIGINT) != 1) {
    Log(LogLevel::kWarning,
        "termination signals were not blocked before threads started; call "
        "BlockTerminationSignals() first in main()",
        {{"server", impl_->config.log_name}});
  }
  int signal = 0;
  while (sigwait(&signals, &signal) != 0) {
  }
  Log(LogLevel::kInfo, "shutting down",
      {{"server", impl_->config.log_name}, {"signal", SignalName(signal)}});
  if (before_shutdown) before_shutdown();
  Shutdown();
}

void ReportStoreWriteHealth(StoreWriteHealth& store, RunningServer& server,
                            const std::string& health_name) {
  store.OnChange(
      [&server, health_name](bool writable) { server.SetServing(health_name, writable); });
  // A change before the listener was in place would otherwise go unreported.
  if (!store.writable()) server.SetServing(health_name, false);
}

}  // namespace redress
