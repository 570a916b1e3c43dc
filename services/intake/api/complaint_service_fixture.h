// The fixture of the service tests of the complaint RPCs other than AssessComplaint: the stub
// methods they call and helpers to list, update, withdraw and accept complaints. Its tests are in
// intake_service_test.cc (submit, get, list) and intake_service_update_test.cc (update, withdraw),
// and are instantiated over both stores once, in intake_service_test.cc.
#pragma once

#include <string>
#include <vector>

#include "services/intake/api/intake_service_test_support.h"

namespace redress::intake::testing {

inline constexpr auto kSubmit = &v1::Intake::Stub::SubmitComplaint;
inline constexpr auto kGet = &v1::Intake::Stub::GetComplaint;
inline constexpr auto kList = &v1::Intake::Stub::ListComplaints;
inline constexpr auto kUpdate = &v1::Intake::Stub::UpdateComplaint;
inline constexpr auto kWithdraw = &v1::Intake::Stub::WithdrawComplaint;

class ComplaintServiceTest : public IntakeServiceTest {
 protected:
  grpc::Status List(const std::string& filter, int page_size, const std::string& page_token,
                    v1::ListComplaintsResponse* response) {
    v1::ListComplaintsRequest request;
    request.set_filter(filter);
    request.set_page_size(page_size);
    request.set_page_token(page_token);
    return Call(kList, request, response);
  }

  // Names of every complaint matching `filter`, paging with `page_size`.
  std::vector<std::string> ListAll(const std::string& filter, int page_size = 2) {
    std::vector<std::string> names;
    std::string token;
    do {
      v1::ListComplaintsResponse page;
      grpc::Status status = List(filter, page_size, token, &page);
      EXPECT_TRUE(status.ok()) << status.error_message();
      if (!status.ok()) break;
      for (const v1::Complaint& complaint : page.complaints()) names.push_back(complaint.name());
      token = page.next_page_token();
    } while (!token.empty());
    return names;
  }

  grpc::Status Withdraw(const std::string& name, const std::string& reason, const std::string& etag,
                        v1::Complaint* response) {
    v1::WithdrawComplaintRequest request;
    request.set_name(name);
    request.set_reason(reason);
    request.set_etag(etag);
    return Call(kWithdraw, request, response);
  }

  grpc::Status Update(const v1::Complaint& complaint, const std::vector<std::string>& paths,
                      v1::Complaint* response) {
    v1::UpdateComplaintRequest request;
    *request.mutable_complaint() = complaint;
    for (const std::string& path : paths) request.mutable_update_mask()->add_paths(path);
    return Call(kUpdate, request, response);
  }

  // Accepts `name` through AssessComplaint.
  void Accept(const std::string& name) {
    v1::Complaint assessed;
    ASSERT_THAT(Assess(AssessRequest(name, "accept-" + name.substr(11)), &assessed),
                redress::testing::IsOk());
    ASSERT_EQ(assessed.state(), v1::COMPLAINT_STATE_ACCEPTED);
  }
};

}  // namespace redress::intake::testing
