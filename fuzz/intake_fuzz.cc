// libFuzzer target: arbitrary bytes as any request of redress.intake.v1.Intake, through the real
// server to IntakeService over a SQLite store (fuzz/service_fuzzer.h; docs/reliability.md,
// "Hostile input").
#include <cstdlib>
#include <memory>
#include <string>

#include "absl/time/civil_time.h"
#include "common/audit/audit_scope.h"
#include "common/outbox_sender.h"
#include "common/parked_handoffs.h"
#include "common/testing/fake_clock.h"
#include "common/testing/sequential_ids.h"
#include "common/working_day_calendar.h"
#include "fuzz/service_fuzzer.h"
#include "redress/intake/v1/intake.grpc.pb.h"
#include "services/intake/api/intake_service.h"
#include "services/intake/handoff_outbox.h"
#include "services/intake/intake_logic.h"
#include "services/intake/store/sqlite/sqlite_store.h"

namespace {

using namespace redress;          // NOLINT(build/namespaces): a target's one file
using namespace redress::intake;  // NOLINT(build/namespaces)

// Everything the service needs; made once per process (StartService) and never destroyed.
struct ServiceSetup {
  static std::unique_ptr<SqliteStore> OpenStore() {
    auto opened = SqliteStore::Open(fuzz::ScratchDirectory("intake-fuzz") + "/intake.db");
    if (!opened.ok()) std::abort();
    return *std::move(opened);
  }

  ServiceSetup() {
    const audit::ScopedAuditCall seeding("system:intake", "intake.seed-register");
    if (!logic.SeedDefaultRegister().ok()) std::abort();
  }

  std::unique_ptr<SqliteStore> store = OpenStore();
  testing::FakeClock clock{testing::FakeClock::NoonOn(absl::CivilDay(2026, 3, 2))};
  testing::SequentialIdGenerator ids{"c"};
  IntakeLogic logic{*store, clock, ids, WorkingDayCalendar::EnglandAndWales()};
  IntakeOutbox outbox{*store};
  fuzz::UnreachablePeer investigation;
  RandomJitter jitter;
  OutboxSender sender{outbox, clock, investigation, jitter, OutboxSenderOptions{}};
  ParkedHandoffs parked{outbox, clock};
  IntakeService service{logic, &sender, &parked};
  fuzz::ServiceUnderFuzz fuzzer{&service, v1::Intake::service_full_name(), "intake",
                                IntakeService::kMaxRequestBytes};
};

}  // namespace

namespace redress::fuzz {

ServiceUnderFuzz& StartService() { return (new ServiceSetup())->fuzzer; }

}  // namespace redress::fuzz
