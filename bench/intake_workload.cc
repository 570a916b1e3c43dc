#include "bench/intake_workload.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "bench/echo.pb.h"
#include "redress/intake/v1/intake.pb.h"

namespace redress::bench {
namespace {

namespace iv1 = ::redress::intake::v1;

constexpr int kPageSize = 50;

std::string Bytes(const grpc::ByteBuffer& buffer) {
  std::vector<grpc::Slice> slices;
  std::string bytes;
  if (!buffer.Dump(&slices).ok()) return bytes;
  for (const grpc::Slice& slice : slices) {
    bytes.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
  }
  return bytes;
}

std::string ListRequest(const std::string& filter) {
  iv1::ListComplaintsRequest request;
  request.set_page_size(kPageSize);
  request.set_filter(filter);
  return request.SerializeAsString();
}

}  // namespace

IntakeWorkload::IntakeWorkload(iv1::Complaint complaint) : complaint_(std::move(complaint)) {}

std::string IntakeWorkload::SubmitRequest(const std::string& prefix, int64_t sequence) const {
  iv1::SubmitComplaintRequest request;
  request.set_request_id(absl::StrCat(prefix, "-", sequence));
  *request.mutable_complaint() = complaint_;
  if (sequence % 4 == 3) {
    request.mutable_complaint()->clear_organisations();
    request.mutable_complaint()->add_organisations(kFilteredOrganisation);
  }
  return request.SerializeAsString();
}

UnaryMethod IntakeWorkload::Echo() const {
  return {"/redress.bench.v1.Echo/Echo",
          [this](int64_t sequence) {
            redress::bench::v1::EchoMessage message;
            message.set_payload(SubmitRequest("echo", sequence));
            return message.SerializeAsString();
          },
          nullptr};
}

UnaryMethod IntakeWorkload::Submit(const std::string& prefix) {
  return {"/redress.intake.v1.Intake/SubmitComplaint",
          [this, prefix](int64_t sequence) { return SubmitRequest(prefix, sequence); },
          [this](const grpc::ByteBuffer& response) { Remember(response); }};
}

UnaryMethod IntakeWorkload::Get() {
  return {"/redress.intake.v1.Intake/GetComplaint",
          [this](int64_t sequence) {
            iv1::GetComplaintRequest request;
            {
              std::lock_guard<std::mutex> lock(mu_);
              // Scattered over every stored complaint rather than walking them in order, as
              // clients' reads would be (a fixed odd multiplier mixes the sequence).
              const uint64_t mixed = static_cast<uint64_t>(sequence) * 2654435761u;
              if (!names_.empty()) request.set_name(names_[mixed % names_.size()]);
            }
            return request.SerializeAsString();
          },
          nullptr};
}

UnaryMethod IntakeWorkload::List() const {
  return {"/redress.intake.v1.Intake/ListComplaints",
          [request = ListRequest("")](int64_t) { return request; }, nullptr};
}

UnaryMethod IntakeWorkload::ListFiltered() const {
  return {"/redress.intake.v1.Intake/ListComplaints",
          [request = ListRequest(absl::StrCat("organisation = \"", kFilteredOrganisation, "\""))](
              int64_t) { return request; },
          nullptr};
}

size_t IntakeWorkload::stored() const {
  std::lock_guard<std::mutex> lock(mu_);
  return names_.size();
}

void IntakeWorkload::Remember(const grpc::ByteBuffer& response) {
  iv1::Complaint complaint;
  if (!complaint.ParseFromString(Bytes(response))) return;
  std::lock_guard<std::mutex> lock(mu_);
  names_.push_back(complaint.name());
}

}  // namespace redress::bench
