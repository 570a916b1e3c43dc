// libFuzzer target: arbitrary bytes as any request of redress.investigation.v1.Investigations,
// through the real server to InvestigationService over a SQLite store (fuzz/service_fuzzer.h;
// docs/reliability.md, "Hostile input").
#include <cstdlib>
#include <memory>
#include <string>

#include "absl/time/civil_time.h"
#include "common/outbox_sender.h"
#include "common/parked_handoffs.h"
#include "common/testing/fake_clock.h"
#include "common/testing/sequential_ids.h"
#include "common/working_day_calendar.h"
#include "fuzz/service_fuzzer.h"
#include "redress/investigation/v1/investigation.grpc.pb.h"
#include "services/investigation/api/investigation_service.h"
#include "services/investigation/handoff_outbox.h"
#include "services/investigation/investigation_logic.h"
#include "services/investigation/store/sqlite/sqlite_store.h"

namespace {

using namespace redress;                 // NOLINT(build/namespaces): a target's one file
using namespace redress::investigation;  // NOLINT(build/namespaces)

// Everything the service needs; made once per process (StartService) and never destroyed.
struct ServiceSetup {
  static std::unique_ptr<SqliteStore> OpenStore() {
    auto opened =
        SqliteStore::Open(fuzz::ScratchDirectory("investigation-fuzz") + "/investigation.db");
    if (!opened.ok()) std::abort();
    return *std::move(opened);
  }

  std::unique_ptr<SqliteStore> store = OpenStore();
  testing::FakeClock clock{testing::FakeClock::NoonOn(absl::CivilDay(2026, 3, 2))};
  testing::SequentialIdGenerator ids{"inv-"};
  InvestigationLogic logic{*store, clock, ids, WorkingDayCalendar::EnglandAndWales()};
  InvestigationOutbox outbox{*store};
  fuzz::UnreachablePeer remedy;
  RandomJitter jitter;
  OutboxSender sender{outbox, clock, remedy, jitter, OutboxSenderOptions{}};
  ParkedHandoffs parked{outbox, clock};
  InvestigationService service{logic, &sender, &parked};
  fuzz::ServiceUnderFuzz fuzzer{&service, v1::Investigations::service_full_name(), "investigation",
                                InvestigationService::kMaxRequestBytes};
};

}  // namespace

namespace redress::fuzz {

ServiceUnderFuzz& StartService() { return (new ServiceSetup())->fuzzer; }

}  // namespace redress::fuzz
