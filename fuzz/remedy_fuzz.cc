// libFuzzer target: arbitrary bytes as any request of redress.remedy.v1.Remedy, through the real
// server to RemedyService over a SQLite store (fuzz/service_fuzzer.h; docs/reliability.md,
// "Hostile input"). Investigation and intake are stand-ins: investigations/inv1 and inv2 are
// decided cases of Mr John Bloggs's complaint (complaints/c1), which the seeds' decision hand-offs
// match, so that the summary, the anonymisation guard and the acknowledgements are reached (inv2's
// text names him, so the guard has issues to report); every other investigation is unknown.
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "common/testing/fake_clock.h"
#include "common/testing/sequential_ids.h"
#include "common/working_day_calendar.h"
#include "fuzz/service_fuzzer.h"
#include "redress/remedy/v1/remedy.grpc.pb.h"
#include "services/remedy/api/remedy_service.h"
#include "services/remedy/peers.h"
#include "services/remedy/remedy_logic.h"
#include "services/remedy/store/sqlite/sqlite_store.h"

namespace {

using namespace redress;          // NOLINT(build/namespaces): a target's one file
using namespace redress::remedy;  // NOLINT(build/namespaces)

class OneDecidedCase final : public CaseReader {
 public:
  absl::StatusOr<CaseOnRecord> GetCase(std::string_view investigation_id,
                                       absl::Time deadline) override {
    if (investigation_id != "inv1" && investigation_id != "inv2") {
      return absl::NotFoundError(absl::StrCat("investigations/", std::string(investigation_id)));
    }
    DecidedCase decided;
    decided.investigation_id = std::string(investigation_id);
    decided.complaint = "complaints/c1";
    decided.decision_sequence = 1;
    decided.jurisdiction = Jurisdiction::kParliamentary;
    decided.introduction = {"Mr B complained that HMCTS delayed his case."};
    decided.what_happened = {"Mr B applied in March.", "The hearing was listed in November."};
    if (investigation_id == "inv2") {  // names the complainant: the guard has an issue to report
      decided.what_happened.push_back("John Bloggs wrote to HMCTS from SW1A 1AA.");
    }
    decided.what_we_found = {"We upheld this complaint."};
    decided.putting_it_right = {"HMCTS apologised and paid Mr B £250."};
    decided.organisation_published_names = {"HM Courts and Tribunals Service (HMCTS)"};
    decided.location = "UK";
    decided.complaint_types = {"Delayed replying to complaint"};
    return CaseOnRecord{"DECIDED", decided};
  }
};

class OneComplainant final : public PersonalDetailsSource {
 public:
  absl::StatusOr<PersonalDataOnCase> GetPersonalData(std::string_view complaint,
                                                     absl::Time deadline) override {
    PersonalDataOnCase on_case;
    if (complaint == "complaints/c1") {
      PersonOnCase person;
      person.role = "complainant";
      person.title = "Mr";
      person.given_name = "John";
      person.family_name = "Bloggs";
      person.email = "jb@example.org";
      person.postal_code = "SW1A 1AA";
      on_case.people.push_back(person);
    }
    return on_case;
  }
};

// Everything the service needs; made once per process (StartService) and never destroyed.
struct ServiceSetup {
  static std::unique_ptr<SqliteStore> OpenStore() {
    auto opened = SqliteStore::Open(fuzz::ScratchDirectory("remedy-fuzz") + "/remedy.db");
    if (!opened.ok()) std::abort();
    return *std::move(opened);
  }

  std::unique_ptr<SqliteStore> store = OpenStore();
  testing::FakeClock clock{testing::FakeClock::NoonOn(absl::CivilDay(2026, 2, 2))};
  testing::SequentialIdGenerator ids{"rec"};
  OneDecidedCase cases;
  OneComplainant people;
  RemedyLogic logic{*store, clock, ids, WorkingDayCalendar::EnglandAndWales(), cases, people};
  RemedyService service{logic};
  fuzz::ServiceUnderFuzz fuzzer{&service, v1::Remedy::service_full_name(), "remedy",
                                RemedyService::kMaxRequestBytes};
};

}  // namespace

namespace redress::fuzz {

ServiceUnderFuzz& StartService() { return (new ServiceSetup())->fuzzer; }

}  // namespace redress::fuzz
