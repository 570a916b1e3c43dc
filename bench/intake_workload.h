// The intake calls the benchmark measures, and the echo call compared with them, all carrying
// the same payload: the complaint of the fixture case tests/fixtures/cases/2-cafcass-apology as
// a client submits it (a SubmitComplaintRequest of 560 bytes), each with a fresh request
// id. One submission in four names a second organisation, so that a filtered list selects some.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "bench/load_generator.h"
#include "redress/intake/v1/complaint.pb.h"

namespace redress::bench {

// The organisation the filtered ListComplaints asks for.
inline constexpr char kFilteredOrganisation[] = "organisations/dwp";

class IntakeWorkload {
 public:
  explicit IntakeWorkload(redress::intake::v1::Complaint complaint);

  // The serialized SubmitComplaintRequest number `sequence`, request id "<prefix>-<sequence>".
  std::string SubmitRequest(const std::string& prefix, int64_t sequence) const;

  // Echo.Echo with SubmitRequest's bytes as its payload.
  UnaryMethod Echo() const;
  // SubmitComplaint; every complaint created is remembered for GetComplaint.
  UnaryMethod Submit(const std::string& prefix);
  // GetComplaint of a remembered complaint, spread over all of them.
  UnaryMethod Get();
  // ListComplaints' first page of 50, unfiltered or filtered by kFilteredOrganisation.
  UnaryMethod List() const;
  UnaryMethod ListFiltered() const;

  // How many complaints are remembered.
  size_t stored() const;

 private:
  void Remember(const grpc::ByteBuffer& response);

  redress::intake::v1::Complaint complaint_;
  mutable std::mutex mu_;
  std::vector<std::string> names_;
};

}  // namespace redress::bench
