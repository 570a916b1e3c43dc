// The container images (deploy/container) as they run. The runtime images are built from this
// build tree's binaries (build-images --from-build, under a tag of this run's own, removed
// afterwards); the three services run from them as containers under the Kubernetes manifests'
// confinement (read-only root, every capability dropped, no new privileges), on loopback
// (--network=host, free ports), each with its data directory and only its own credentials
// mounted; a whole case goes through them to publication. The images themselves hold the service
// as entrypoint, the user 10001, the CLI, and no file but the two binaries, their libraries, the
// time zone and the user's entries: no shell. Skipped, saying why, where podman cannot run
// containers here (build-images --check).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "common/clock.h"
#include "common/testing/status_matchers.h"
#include "tests/case_fixture.h"
#include "tests/case_run.h"
#include "tests/process.h"
#include "tests/suite_harness.h"
#include "tests/test_security.h"

namespace redress::testing {
namespace {

namespace fs = std::filesystem;
namespace iv1 = ::redress::intake::v1;
namespace rv1 = ::redress::remedy::v1;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

// The user the images run as, as the Kubernetes manifests' runAsUser.
constexpr uid_t kImageUser = 10001;
const char* const kServices[] = {"intake", "investigation", "remedy"};

const std::string kContainerDir = REDRESS_SOURCE_DIR "/deploy/container";

// `text` in single quotes for /bin/sh.
std::string Quoted(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

// Runs `command` with its errors in the output; its exit code (-1 when it did not exit).
struct ShellResult {
  int exit_code;
  std::string output;
};
ShellResult Shell(const std::string& command) {
  auto [status, output] = RunShell(command + " 2>&1");
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

// The files `ldd` resolves for `binary`, the loader included, without the leading "/", as the
// image holds them.
std::set<std::string> LibrariesOf(const std::string& binary) {
  std::set<std::string> libraries;
  const ShellResult ldd = Shell("ldd " + Quoted(binary));
  EXPECT_EQ(ldd.exit_code, 0) << ldd.output;
  for (absl::string_view line : absl::StrSplit(ldd.output, '\n', absl::SkipEmpty())) {
    std::vector<absl::string_view> words =
        absl::StrSplit(absl::StripAsciiWhitespace(line), ' ', absl::SkipEmpty());
    if (words.size() >= 3 && words[1] == "=>" && absl::StartsWith(words[2], "/")) {
      libraries.insert(std::string(words[2].substr(1)));
    } else if (!words.empty() && absl::StartsWith(words[0], "/")) {
      libraries.insert(std::string(words[0].substr(1)));
    }
  }
  return libraries;
}

// The binaries of this build tree, by service.
std::string BinaryOf(const std::string& service) {
  if (service == "intake") return REDRESS_INTAKE_BINARY;
  if (service == "investigation") return REDRESS_INVESTIGATION_BINARY;
  return REDRESS_REMEDY_BINARY;
}

// What build-images left for the tests of this process: the reason to skip, or the images.
struct ImageBuild {
  std::string skip_reason;
  bool built = false;
  std::string output;
  std::string tag;
};
ImageBuild* image_build = nullptr;

std::string Image(const std::string& service) {
  return absl::StrCat("localhost/redress/", service, ":", image_build->tag);
}

class ContainerImageTest : public ::testing::Test {
 protected:
  // Builds the runtime images once for the tests of this process, or finds why podman cannot.
  static void SetUpTestSuite() {
    // Podman reads the settings our machines need (runc, cgroupfs, no default ulimits) from
    // here; `podman run` children of the suite inherit it.
    setenv("CONTAINERS_CONF", (kContainerDir + "/containers.conf").c_str(), 1);
    image_build = new ImageBuild;
    image_build->tag = absl::StrCat("e2e-", getpid());
    const std::string build_images = Quoted(kContainerDir + "/build-images");
    const ShellResult check = Shell(build_images + " --check");
    if (check.exit_code == 77) {
      image_build->skip_reason = std::string(absl::StripAsciiWhitespace(check.output));
      return;
    }
    if (check.exit_code != 0) {
      image_build->output = "build-images --check failed:\n" + check.output;
      return;
    }
    const ShellResult build = Shell(absl::StrCat(
        build_images, " --from-build ", Quoted(REDRESS_BUILD_DIR), " --tag ", image_build->tag));
    image_build->built = build.exit_code == 0;
    image_build->output = build.output;
  }

  static void TearDownTestSuite() {
    if (image_build->built) {
      std::string images;
      for (const char* service : kServices) absl::StrAppend(&images, " ", Image(service));
      const ShellResult removed = Shell("podman rmi --force" + images);
      EXPECT_EQ(removed.exit_code, 0) << removed.output;
    }
    delete image_build;
    image_build = nullptr;
  }

  void SetUp() override {
    if (!image_build->skip_reason.empty()) GTEST_SKIP() << image_build->skip_reason;
    ASSERT_TRUE(image_build->built) << image_build->output;
  }
};

TEST_F(ContainerImageTest, HoldsTheServiceAndTheCliWithTheirLibrariesAndNothingElse) {
  const std::set<std::string> cli_libraries = LibrariesOf(REDRESS_CLI_BINARY);
  for (const std::string service : kServices) {
    SCOPED_TRACE(service);
    const ShellResult config =
        Shell("podman image inspect --format '{{.Config.User}} {{json .Config.Entrypoint}}' " +
              Image(service));
    EXPECT_EQ(config.output,
              absl::StrCat(kImageUser, ":", kImageUser, " [\"/usr/local/bin/", service, "\"]\n"));

    std::set<std::string> expected = LibrariesOf(BinaryOf(service));
    expected.insert(cli_libraries.begin(), cli_libraries.end());
    expected.insert({"usr/local/bin/" + service, "usr/local/bin/redress", "etc/passwd", "etc/group",
                     "usr/share/zoneinfo/Europe/London"});
    const ShellResult created = Shell("podman create " + Image(service));
    ASSERT_EQ(created.exit_code, 0) << created.output;
    const std::string container(absl::StripAsciiWhitespace(created.output));
    const ShellResult listing = Shell("podman export " + container + " | tar -t");
    const ShellResult passwd = Shell("podman export " + container + " | tar -xO etc/passwd");
    Shell("podman rm --force " + container);
    ASSERT_EQ(listing.exit_code, 0) << listing.output;
    std::set<std::string> files;
    for (absl::string_view entry : absl::StrSplit(listing.output, '\n', absl::SkipEmpty())) {
      absl::ConsumePrefix(&entry, "./");
      if (!absl::EndsWith(entry, "/")) files.insert(std::string(entry));  // not a directory
    }
    EXPECT_EQ(files, expected);
    EXPECT_THAT(passwd.output, HasSubstr(absl::StrCat(":", kImageUser, ":", kImageUser, ":")));
  }
}

TEST_F(ContainerImageTest, HasNoShellButRunsTheCli) {
  for (const std::string service : kServices) {
    SCOPED_TRACE(service);
    const ShellResult shell =
        Shell("podman run --rm --entrypoint /bin/sh " + Image(service) + " -c true");
    EXPECT_NE(shell.exit_code, 0);
    EXPECT_THAT(shell.output, HasSubstr("/bin/sh: no such file or directory"));
    const ShellResult cli =
        Shell("podman run --rm --entrypoint /usr/local/bin/redress " + Image(service) + " --help");
    EXPECT_EQ(cli.exit_code, 0) << cli.output;
    EXPECT_THAT(cli.output, HasSubstr("redress: call the Redress services"));
    // Without arguments the image says what the service takes.
    const ShellResult help = Shell("podman run --rm " + Image(service));
    EXPECT_EQ(help.exit_code, 0) << help.output;
    EXPECT_THAT(help.output, HasSubstr(absl::StrCat(service, ": the Redress ", service)));
  }
}

// The suite in containers: each service's container mounts its data directory (owned by the
// image's user, at the same path, so the harness's flags hold) and a copy of only its own
// certificate, key, CA and token key at the test credentials' path, owned by that user as a
// Kubernetes Secret mounted with fsGroup would be.
class ContainerSuiteTest : public ContainerImageTest {
 protected:
  void SetUp() override {
    ContainerImageTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    podman_ = std::string(absl::StripAsciiWhitespace(Shell("command -v podman").output));
    data_dir_ = MakeTempDir("container_e2e");
    credentials_dir_ = MakeTempDir("container_e2e_credentials");
    ASSERT_EQ(chown(data_dir_.c_str(), kImageUser, kImageUser), 0) << data_dir_;
    for (const std::string service : kServices) {
      ASSERT_NO_FATAL_FAILURE(CopyCredentials(service));
    }
    SuiteOptions options;
    options.launcher.command = [this](const std::string& name) { return RunCommand(name); };
    options.launcher.after_stop = [this](const std::string& name) {
      Shell("podman rm --force --ignore --time 0 " + ContainerName(name));
    };
    suite_ = std::make_unique<Suite>(
        SuiteBinaries{REDRESS_INTAKE_BINARY, REDRESS_INVESTIGATION_BINARY, REDRESS_REMEDY_BINARY},
        data_dir_, options);
    ASSERT_THAT(suite_->Start(), IsOk()) << suite_->Logs();
  }

  // Every container is removed, whatever happened (the launcher's after_stop, as the processes
  // are destroyed), and none is left behind.
  void TearDown() override {
    if (suite_ == nullptr) return;
    suite_.reset();
    const ShellResult left =
        Shell("podman ps --all --format '{{.Names}}' --filter name=^" + ContainerName(""));
    EXPECT_THAT(left.output, IsEmpty()) << "containers left running";
    std::error_code ignored;
    fs::remove_all(credentials_dir_, ignored);
    if (!HasFailure()) fs::remove_all(data_dir_, ignored);  // kept for diagnosis
  }

  // Unique to this process: tests run in parallel, and a developer may run the images too.
  static std::string ContainerName(const std::string& name) {
    return absl::StrCat("redress-e2e-", getpid(), "-", name);
  }

  // `podman run` in the foreground (its output is the process's log; SIGTERM reaches the service
  // through podman's signal proxy), removed when it stops.
  std::vector<std::string> RunCommand(const std::string& name) {
    const std::string service = name.substr(0, name.find('-'));
    return {
        podman_,
        "run",
        "--rm",
        "--name=" + ContainerName(name),
        "--network=host",
        "--read-only",
        "--cap-drop=ALL",
        "--security-opt=no-new-privileges",
        "--volume=" + data_dir_ + ":" + data_dir_,
        absl::StrCat("--volume=", credentials_dir_, "/", service, ":", TestCredentialsDir(), ":ro"),
        Image(service)};
  }

  void CopyCredentials(const std::string& service) {
    const fs::path from = TestCredentialsDir();
    const fs::path to = fs::path(credentials_dir_) / service;
    const std::vector<std::string> files = {"tls/ca.pem", "tls/" + service + ".pem",
                                            "tls/" + service + ".key", "jwt/public.pem"};
    for (const std::string& file : files) {
      fs::create_directories((to / file).parent_path());
      fs::copy_file(from / file, to / file);
      ASSERT_EQ(chmod((to / file).c_str(), 0400), 0);
    }
    for (const fs::directory_entry& entry : fs::recursive_directory_iterator(to)) {
      ASSERT_EQ(chown(entry.path().c_str(), kImageUser, kImageUser), 0) << entry.path();
    }
    ASSERT_EQ(chown(to.c_str(), kImageUser, kImageUser), 0);
  }

  LoadedCase Load(const std::string& name) {
    absl::StatusOr<LoadedCase> loaded =
        LoadCase(REDRESS_CASES_DIR, name, redress::Today(redress::SystemClock()));
    EXPECT_THAT(loaded, IsOk());
    return loaded.ok() ? *std::move(loaded) : LoadedCase{};
  }

  std::string podman_, data_dir_, credentials_dir_;
  std::unique_ptr<Suite> suite_;
};

TEST_F(ContainerSuiteTest, AWholeCaseRunsThroughTheContainersToPublication) {
  const LoadedCase loaded = Load("2-cafcass-apology");
  ASSERT_FALSE(loaded.name.empty());
  CaseRun run(*suite_, loaded);
  ASSERT_THAT(run.RunToDecision(), IsOk()) << suite_->Logs();
  ASSERT_THAT(run.SettleRecommendations(), IsOk()) << suite_->Logs();
  rv1::CaseSummary published;
  ASSERT_THAT(run.Publish(published), IsOk()) << suite_->Logs();
  EXPECT_EQ(published.text(), loaded.expected_text);

  for (const std::string service : kServices) {
    SCOPED_TRACE(service);
    const std::string log = suite_->process(service, 0).log();
    // The image's time zone was found: dates are the scheme's, not UTC.
    EXPECT_THAT(log, Not(HasSubstr("time zone Europe/London not available"))) << log;
    EXPECT_THAT(log, HasSubstr(R"("transport":"tls")")) << log;
    // The database is the image user's: the service ran as 10001, not root.
    struct stat database;
    ASSERT_EQ(stat((data_dir_ + "/" + service + ".db").c_str(), &database), 0);
    EXPECT_EQ(database.st_uid, kImageUser);
  }

  // The CLI in the image, found by name, backs up the running service's database from inside
  // its container, without a shell, as an operator would with `kubectl exec`.
  const ShellResult backup = Shell(absl::StrCat(
      "podman exec ", ContainerName("intake"), " redress backup-database --database=", data_dir_,
      "/intake.db --output=", data_dir_, "/intake-backup.db"));
  EXPECT_EQ(backup.exit_code, 0) << backup.output;
  EXPECT_TRUE(fs::is_regular_file(data_dir_ + "/intake-backup.db")) << backup.output;
}

TEST_F(ContainerSuiteTest, AKilledOrRestartedContainerComesBackOnItsData) {
  const LoadedCase loaded = Load("2-cafcass-apology");
  ASSERT_FALSE(loaded.name.empty());
  CaseRun run(*suite_, loaded);
  ASSERT_THAT(run.RegisterOrganisations(), IsOk()) << suite_->Logs();
  ASSERT_THAT(run.SubmitAndAccept(), IsOk()) << suite_->Logs();
  auto complaint_is_served = [&] {
    iv1::GetComplaintRequest request;
    request.set_name(run.complaint_name());
    iv1::Complaint complaint;
    return Call([&](grpc::ClientContext* context) {
      return suite_->intake().GetComplaint(context, request, &complaint);
    });
  };

  // SIGKILL to `podman run` leaves its container running; Kill() must not.
  ServiceProcess& intake = suite_->process("intake", 0);
  intake.Kill();
  EXPECT_NE(Shell("podman container exists " + ContainerName("intake")).exit_code, 0);
  ASSERT_THAT(intake.Start(), IsOk()) << intake.log();
  EXPECT_THAT(complaint_is_served(), IsOk()) << intake.log();

  // SIGTERM reaches the service through podman: it drains and stops, then starts again.
  ASSERT_THAT(intake.Restart({}), IsOk()) << intake.log();
  EXPECT_THAT(intake.log(), HasSubstr(R"("msg":"stopped")"));
  EXPECT_THAT(complaint_is_served(), IsOk()) << intake.log();
}

}  // namespace
}  // namespace redress::testing
