// A throwaway PostgreSQL 15 server for tests: its own data directory in a fresh temporary
// directory, on a free 127.0.0.1 port with its unix socket in that directory, run as the
// `postgres` user when the test runs as root, and deleted with everything in it on destruction.
// It can be stopped like a crash and restarted on the same port, start a streaming standby of
// itself that a test promotes, and be put behind PgBouncer in transaction-pooling mode.
#pragma once

#include <sys/types.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace redress::testing {

struct PostgresServerOptions {
  // Durability tests need fsync on; tests that only check behaviour may turn it off to run faster.
  bool fsync = true;
  // Lines appended to postgresql.conf, e.g. "deadlock_timeout = '100ms'".
  std::vector<std::string> extra_config;
  // Where initdb, postgres and pg_basebackup are.
  std::string bin_dir = "/usr/lib/postgresql/15/bin";
};

// The user the server's processes run as: the `postgres` system user when this process is root
// (PostgreSQL refuses to run as root), otherwise this process's own user.
struct ServerUser {
  uid_t uid = 0;
  gid_t gid = 0;
  bool switch_user = false;  // whether child processes must change to uid/gid
};
absl::StatusOr<ServerUser> ServerUserForThisProcess();

// Start-up is quick because the cluster is not initdb'd each time: the first server of a machine
// (per user and PostgreSQL major version) runs initdb and creates the database `redress_test`
// once, into a template directory beside the temporary directories, which every server then
// copies. Template creation is atomic (built aside and renamed), so concurrent test processes are
// safe; each server has its own directory and port. The directories are in /dev/shm when it has
// a GiB free (a copy into memory is much faster than onto a busy disk), else in the test temp
// dir (TEST_TMPDIR, or /tmp).
//
// The server process is a child of this process that receives SIGQUIT (PostgreSQL's immediate
// shutdown) if the thread that started it exits, so a test that crashes leaves no server behind.
// REQUIRES: started from a thread that outlives it (a test's main thread).
//
// Thread-compatible: tests call it from one thread.
class PostgresServer {
 public:
  static constexpr char kDatabase[] = "redress_test";

  // A new, running server with an empty database kDatabase owned by the superuser `postgres`.
  static absl::StatusOr<std::unique_ptr<PostgresServer>> Start(
      const PostgresServerOptions& options = {});
  // Stops the server like Stop() if it runs, and deletes its directory.
  ~PostgresServer();
  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;

  // postgresql://postgres@127.0.0.1:<port>/redress_test (TCP; trust authentication).
  std::string url() const { return UrlFor(kDatabase); }
  std::string UrlFor(std::string_view database) const;
  // "127.0.0.1:<port>", for composing multi-host URLs.
  std::string host_and_port() const;
  int port() const { return port_; }
  // The directory holding the unix socket (and the data directory, in data/).
  const std::string& directory() const { return directory_; }
  bool running() const { return pid_ > 0; }

  // Stops the server as `pg_ctl stop -m immediate` does (SIGQUIT): every session is cut at once,
  // without a checkpoint, like a crash; Restart() then runs crash recovery. Returns when every
  // server process has exited. OK if it was not running.
  absl::Status Stop();
  // Starts the stopped server again on the same directory and port.
  absl::Status Restart();

  // Runs `sql` (no parameters) as `postgres` on `database`, for set-up and inspection.
  absl::Status Execute(std::string_view sql, std::string_view database = kDatabase) const;
  absl::Status CreateDatabase(std::string_view name) const;

  // A new server streaming this one's WAL (pg_basebackup -R): a hot standby that answers
  // read-only queries and refuses writes (SQLSTATE 25006), with the same options. REQUIRES: this
  // server is running.
  absl::StatusOr<std::unique_ptr<PostgresServer>> StartStandby() const;
  // Promotes this standby to a primary (as `pg_ctl promote -w`): returns once it accepts writes.
  absl::Status Promote();

 private:
  PostgresServer(ServerUser user, PostgresServerOptions options, std::string directory)
      : user_(user), options_(std::move(options)), directory_(std::move(directory)) {}
  std::string data_directory() const { return directory_ + "/data"; }
  // Starts postgres on `port_` and waits until it accepts connections.
  absl::Status Launch();
  // Launch() on a free port, choosing another if the chosen one was taken meanwhile.
  absl::Status LaunchOnFreePort();

  const ServerUser user_;
  const PostgresServerOptions options_;
  const std::string directory_;
  int port_ = 0;
  pid_t pid_ = 0;
};

// PgBouncer (Debian's pgbouncer package) in front of a PostgresServer's kDatabase, in
// transaction-pooling mode with `server_connections` server connections, so that consecutive
// transactions of one client run on different server sessions and several clients share one. Run
// as the server's user (PgBouncer refuses root) on a free 127.0.0.1 port; stopped on destruction.
// Thread-compatible; the same thread rule as PostgresServer.
class PgBouncer {
 public:
  static absl::StatusOr<std::unique_ptr<PgBouncer>> Start(const PostgresServer& server,
                                                          int server_connections = 1);
  ~PgBouncer();
  PgBouncer(const PgBouncer&) = delete;
  PgBouncer& operator=(const PgBouncer&) = delete;

  // postgresql://postgres@127.0.0.1:<port>/redress_test
  std::string url() const;

 private:
  PgBouncer(std::string directory, int port, pid_t pid)
      : directory_(std::move(directory)), port_(port), pid_(pid) {}

  const std::string directory_;
  const int port_;
  const pid_t pid_;
};

}  // namespace redress::testing
