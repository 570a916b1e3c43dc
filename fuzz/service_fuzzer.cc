#include "fuzz/service_fuzzer.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <future>
#include <iterator>
#include <random>
#include <sstream>
#include <system_error>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/auth/role.h"
#include "common/call_security.h"
#include "fuzz/request_mutator.h"
#include "google/protobuf/message.h"
#include "google/protobuf/text_format.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

// libFuzzer's own mutation of bytes, for custom mutators.
extern "C" size_t LLVMFuzzerMutate(uint8_t* data, size_t size, size_t max_size);

namespace redress::fuzz {
namespace {

namespace fs = std::filesystem;
using ::google::protobuf::Message;
using ::google::protobuf::MessageFactory;
using ::google::protobuf::MethodDescriptor;

// Where failures are described: a copy of stderr taken before libFuzzer's -close_fd_mask=2 closes
// it (the services log a line per call, which the fuzzer's output does without).
int ReportFd() {
  static const int fd = [] {
    const int copy = ::dup(STDERR_FILENO);
    return copy >= 0 ? copy : STDERR_FILENO;
  }();
  return fd;
}

void Report(const std::string& text) {
  const std::string line = text + "\n";
  [[maybe_unused]] const ssize_t written = ::write(ReportFd(), line.data(), line.size());
}

[[noreturn]] void Fail(const std::string& what) {
  Report("redress fuzz failure: " + what);
  std::abort();  // libFuzzer keeps the input as crash-<sha1>
}

std::unique_ptr<Message> NewMessage(const google::protobuf::Descriptor* type) {
  const Message* prototype = MessageFactory::generated_factory()->GetPrototype(type);
  if (prototype == nullptr) Fail(absl::StrCat("no generated message for ", type->full_name()));
  return std::unique_ptr<Message>(prototype->New());
}

Principal User(std::string subject, auth::Role role, std::string organisation = "") {
  Principal user;
  user.kind = Principal::Kind::kUser;
  user.subject = std::move(subject);
  user.roles = {role};
  user.organisation = std::move(organisation);
  return user;
}

// Whether `details` (grpc-status-details-bin) is a google.rpc.Status with an ErrorInfo.
bool HasErrorInfo(const std::string& details) {
  google::rpc::Status status;
  if (!status.ParseFromString(details)) return false;
  return std::any_of(
      status.details().begin(), status.details().end(),
      [](const google::protobuf::Any& any) { return any.Is<google::rpc::ErrorInfo>(); });
}

}  // namespace

std::vector<Principal> FuzzCallers() {
  return {
      DevelopmentPrincipal(),
      User("fuzz-caseworker", auth::Role::kCaseworker),
      User("fuzz-assessor", auth::Role::kAssessor),
      User("fuzz-complainant", auth::Role::kComplainant),
      User("fuzz-liaison", auth::Role::kOrganisationLiaison, "cafcass"),
      User("fuzz-publisher", auth::Role::kPublisher),
      User("fuzz-auditor", auth::Role::kAuditor),
      User("fuzz-administrator", auth::Role::kAdministrator),
  };
}

std::string ScratchDirectory(const std::string& name) {
  fs::path base;
  if (const char* dir = std::getenv("REDRESS_FUZZ_DIR"); dir != nullptr && *dir != '\0') {
    base = dir;
  } else if (::access("/dev/shm", W_OK) == 0) {
    base = "/dev/shm";
  } else if (const char* tmp = std::getenv("TMPDIR"); tmp != nullptr && *tmp != '\0') {
    base = tmp;
  } else {
    base = "/tmp";
  }
  static const fs::path* scratch = nullptr;  // one per process
  if (scratch == nullptr) {
    scratch = new fs::path(base / absl::StrCat(name, "-", ::getpid()));
    std::error_code error;
    fs::remove_all(*scratch, error);
    fs::create_directories(*scratch, error);
    if (error) Fail(absl::StrCat("cannot make ", scratch->string(), ": ", error.message()));
    std::atexit([] {
      std::error_code ignored;
      fs::remove_all(*scratch, ignored);
    });
  }
  return scratch->string();
}

ServiceUnderFuzz::ServiceUnderFuzz(grpc::Service* service, const std::string& service_full_name,
                                   std::string seeds, int max_request_bytes)
    : descriptor_(
          google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(service_full_name)),
      seeds_dir_((fs::path(REDRESS_FUZZ_SEEDS_ROOT) / seeds).string()),
      callers_(FuzzCallers()) {
  ReportFd();  // take the copy of stderr now, before libFuzzer closes it
  if (descriptor_ == nullptr || descriptor_->method_count() == 0) {
    Fail("no methods for service " + service_full_name);
  }
  ServerConfig config;
  config.listen_address = "127.0.0.1:0";
  config.drain_timeout = absl::Seconds(1);
  config.log_name = "fuzz";
  config.reflection = false;
  config.max_receive_message_bytes = max_request_bytes;
  absl::StatusOr<std::unique_ptr<RunningServer>> server =
      RunningServer::Start(config, {{service, service_full_name}});
  if (!server.ok()) Fail("the server did not start: " + server.status().ToString());
  server_ = *std::move(server);
  stub_ = std::make_unique<grpc::GenericStub>(
      grpc::CreateChannel(server_->address(), grpc::InsecureChannelCredentials()));
}

ServiceUnderFuzz::~ServiceUnderFuzz() = default;

size_t ServiceUnderFuzz::Mutate(uint8_t* data, size_t size, size_t max_size, unsigned int seed) {
  std::minstd_rand random(seed);
  if (size < 2 || max_size < 2 || random() % 4 == 0) return LLVMFuzzerMutate(data, size, max_size);
  if (random() % 16 == 0) {
    data[random() % 2] = static_cast<uint8_t>(random());
    return size;
  }
  const MethodDescriptor& method = *descriptor_->method(data[0] % descriptor_->method_count());
  std::unique_ptr<Message> request = NewMessage(method.input_type());
  if (!request->ParseFromArray(data + 2, static_cast<int>(size - 2))) {
    return LLVMFuzzerMutate(data, size, max_size);
  }
  MutateMessage(*request, random, &LLVMFuzzerMutate, max_size - 2);
  const std::string bytes = request->SerializeAsString();
  if (bytes.size() > max_size - 2) return LLVMFuzzerMutate(data, size, max_size);
  std::memcpy(data + 2, bytes.data(), bytes.size());
  return bytes.size() + 2;
}

void ServiceUnderFuzz::Run(const uint8_t* data, size_t size) {
  if (size < 2) return;
  const MethodDescriptor& method = *descriptor_->method(data[0] % descriptor_->method_count());
  const Principal& caller = callers_[data[1] % callers_.size()];
  const std::string request(reinterpret_cast<const char*>(data) + 2, size - 2);
  // gRPC answers bytes that do not parse itself, before the service sees them.
  if (!NewMessage(method.input_type())->ParseFromString(request)) return;
  Call(method, caller, request);
}

grpc::Status ServiceUnderFuzz::Call(const MethodDescriptor& method, const Principal& caller,
                                    const std::string& request) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
  if (caller.kind == Principal::Kind::kUser) {
    context.AddMetadata(kDevelopmentCallerHeader, DevelopmentCallerHeaderValue(caller));
  }
  grpc::Slice slice(request);
  const grpc::ByteBuffer request_bytes(&slice, 1);
  grpc::ByteBuffer response_bytes;
  std::promise<grpc::Status> done;
  stub_->UnaryCall(&context, absl::StrCat("/", descriptor_->full_name(), "/", method.name()),
                   grpc::StubOptions(), &request_bytes, &response_bytes,
                   [&done](grpc::Status status) { done.set_value(std::move(status)); });
  const grpc::Status status = done.get_future().get();

  const std::string call = absl::StrCat(method.name(), " as ", caller.Actor());
  switch (status.error_code()) {
    case grpc::StatusCode::OK: {
      std::vector<grpc::Slice> slices;
      std::string response;
      if (response_bytes.Dump(&slices).ok()) {
        for (const grpc::Slice& part : slices) {
          response.append(reinterpret_cast<const char*>(part.begin()), part.size());
        }
      }
      if (!NewMessage(method.output_type())->ParseFromString(response)) {
        Fail(call + " answered OK with a response that does not parse");
      }
      return status;
    }
    case grpc::StatusCode::INTERNAL:
    case grpc::StatusCode::UNKNOWN:
    case grpc::StatusCode::DATA_LOSS:
    case grpc::StatusCode::DEADLINE_EXCEEDED:  // 20 s for one request: a hang
      Fail(absl::StrCat(call, " answered ", status.error_code(), ": ", status.error_message()));
    default:
      if (!HasErrorInfo(status.error_details())) {
        Fail(absl::StrCat(call, " answered ", status.error_code(), " (", status.error_message(),
                          ") without an ErrorInfo"));
      }
      return status;
  }
}

void ServiceUnderFuzz::RunSeeds(const std::string& corpus_dir) {
  std::vector<fs::path> seeds;
  std::error_code error;
  for (const fs::directory_entry& entry : fs::directory_iterator(seeds_dir_, error)) {
    if (entry.path().extension() == ".textproto") seeds.push_back(entry.path());
  }
  if (error || seeds.empty()) Fail("no seeds in " + seeds_dir_);
  std::sort(seeds.begin(), seeds.end());
  for (const fs::path& seed : seeds) {
    // "<order>-<Method>[-<anything>]"
    const std::vector<std::string> parts = absl::StrSplit(seed.stem().string(), '-');
    const MethodDescriptor* method =
        parts.size() >= 2 ? descriptor_->FindMethodByName(parts[1]) : nullptr;
    if (method == nullptr) Fail(seed.string() + " names no method of " + descriptor_->full_name());
    std::ifstream in(seed);
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    std::unique_ptr<Message> request = NewMessage(method->input_type());
    if (!google::protobuf::TextFormat::ParseFromString(text, request.get())) {
      Fail(seed.string() + " is not a " + method->input_type()->full_name());
    }
    const std::string bytes = request->SerializeAsString();
    if (const grpc::Status status = Call(*method, callers_[0], bytes); !status.ok()) {
      Report(absl::StrCat("seed ", seed.filename().string(), " answered ", status.error_code(),
                          ": ", status.error_message()));
    }
    if (!corpus_dir.empty()) {
      std::string input;
      input.push_back(static_cast<char>(method->index()));
      input.push_back(0);
      input += bytes;
      std::ofstream((fs::path(corpus_dir) / ("seed-" + seed.stem().string())).string(),
                    std::ios::binary)
          << input;
    }
  }
}

namespace {

// The corpus directory among libFuzzer's command-line arguments (the first that is not a flag
// and is a directory), or "" when there is none (inputs given as files are only run).
std::string CorpusDirectory(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    std::error_code error;
    if (!arg.empty() && arg[0] != '-' && fs::is_directory(arg, error)) return arg;
  }
  return "";
}

ServiceUnderFuzz* service_under_fuzz = nullptr;

}  // namespace
}  // namespace redress::fuzz

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
  redress::fuzz::service_under_fuzz = &redress::fuzz::StartService();
  redress::fuzz::service_under_fuzz->RunSeeds(redress::fuzz::CorpusDirectory(*argc, *argv));
  return 0;
}

extern "C" size_t LLVMFuzzerCustomMutator(uint8_t* data, size_t size, size_t max_size,
                                          unsigned int seed) {
  return redress::fuzz::service_under_fuzz->Mutate(data, size, max_size, seed);
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  redress::fuzz::service_under_fuzz->Run(data, size);
  return 0;
}
