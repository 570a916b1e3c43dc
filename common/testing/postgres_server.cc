#include "common/testing/postgres_server.h"

#include <fcntl.h>
#include <grp.h>
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/status_macros.h"

namespace redress::testing {
namespace {

namespace fs = std::filesystem;

// Bump when the template's initdb options or contents change, so old templates are not used.
constexpr char kTemplateVersion[] = "v1";
constexpr char kPgBouncer[] = "/usr/sbin/pgbouncer";

// The last lines of a log file, to explain a failure.
std::string LogTail(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  const size_t start = lines.size() > 15 ? lines.size() - 15 : 0;
  return absl::StrJoin(lines.begin() + start, lines.end(), "\n");
}

// A child process: `argv` run as `user` in `directory`, stdin from `stdin_path` (or /dev/null),
// stdout and stderr appended to `log_path`. The child gets `death_signal` if the thread that
// spawned it exits.
struct Command {
  std::vector<std::string> argv;
  std::string directory;
  std::string log_path;
  std::string stdin_path = "/dev/null";
  int death_signal = SIGKILL;
};

absl::StatusOr<pid_t> Spawn(const Command& command, const ServerUser& user) {
  // Everything the child needs is prepared here: between fork and exec only async-signal-safe
  // calls are allowed.
  std::vector<char*> argv;
  for (const std::string& arg : command.argv) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid < 0) return absl::InternalError(absl::StrCat("fork: ", std::strerror(errno)));
  if (pid == 0) {
    const int in = open(command.stdin_path.c_str(), O_RDONLY);
    const int out = open(command.log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (in < 0 || out < 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(out, 2) < 0) _exit(126);
    // Nothing else of this process (sockets, ctest's pipes) stays open in the server.
    close_range(3, ~0U, 0);
    if (user.switch_user &&
        (setgroups(1, &user.gid) != 0 || setgid(user.gid) != 0 || setuid(user.uid) != 0)) {
      _exit(126);
    }
    // After setuid, which clears it.
    if (prctl(PR_SET_PDEATHSIG, command.death_signal) != 0 || getppid() != parent) _exit(126);
    if (chdir(command.directory.c_str()) != 0) _exit(126);
    execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

absl::Status WaitFor(pid_t pid, const Command& command) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return absl::InternalError(absl::StrCat("waitpid: ", std::strerror(errno)));
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return absl::OkStatus();
  return absl::InternalError(absl::StrCat(command.argv[0], " failed (wait status ", status, "):\n",
                                          LogTail(command.log_path)));
}

// Runs `command` to completion.
absl::Status Run(const Command& command, const ServerUser& user) {
  ASSIGN_OR_RETURN(pid_t pid, Spawn(command, user));
  return WaitFor(pid, command);
}

// A port on 127.0.0.1 that was free a moment ago.
absl::StatusOr<int> FreePort() {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return absl::InternalError(absl::StrCat("socket: ", std::strerror(errno)));
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof(address);
  const bool ok = bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0 &&
                  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0;
  close(fd);
  if (!ok) return absl::InternalError(absl::StrCat("finding a free port: ", std::strerror(errno)));
  return static_cast<int>(ntohs(address.sin_port));
}

// Where the temporary directories go: /dev/shm when it is a roomy tmpfs (copying a cluster into
// memory is several times faster than onto a busy disk, and a server's files survive the
// server's crash there just as well), otherwise the test temp dir unless its path is too long for
// a unix socket path (108 bytes) in it.
std::string TempRoot() {
  struct statvfs shm {};
  if (statvfs("/dev/shm", &shm) == 0 &&
      static_cast<uint64_t>(shm.f_bavail) * shm.f_frsize >= (uint64_t{1} << 30) &&
      access("/dev/shm", W_OK | X_OK) == 0) {
    return "/dev/shm/";
  }
  std::string root = ::testing::TempDir();
  if (root.empty() || root.size() > 60) root = "/tmp/";
  if (root.back() != '/') root.push_back('/');
  return root;
}

// A new empty directory owned by `user`.
absl::StatusOr<std::string> MakeDirectory(const std::string& prefix, const ServerUser& user) {
  std::string path = TempRoot() + prefix + "XXXXXX";
  if (mkdtemp(path.data()) == nullptr) {
    return absl::InternalError(absl::StrCat("mkdtemp ", path, ": ", std::strerror(errno)));
  }
  if (user.switch_user && chown(path.c_str(), user.uid, user.gid) != 0) {
    return absl::InternalError(absl::StrCat("chown ", path, ": ", std::strerror(errno)));
  }
  return path;
}

void RemoveDirectory(const std::string& path) {
  std::error_code ignored;
  fs::remove_all(path, ignored);
}

// Builds the template cluster (initdb, then kDatabase created in single-user mode) in a directory
// of its own, then renames it into place; if another process got there first, uses theirs.
absl::Status BuildTemplate(const std::string& template_path, const PostgresServerOptions& options,
                           const ServerUser& user) {
  ASSIGN_OR_RETURN(std::string build, MakeDirectory("redress_pg_template_build_", user));
  const std::string log = build + "/build.log";
  const std::string sql = build + "/create.sql";
  std::ofstream(sql) << "CREATE DATABASE " << PostgresServer::kDatabase << ";\n";
  absl::Status status =
      Run({{options.bin_dir + "/initdb", "-D", build + "/data", "-A", "trust", "-U", "postgres",
            "-E", "UTF8", "--locale=C", "--no-sync", "--wal-segsize=1", "--no-instructions"},
           build,
           log},
          user);
  if (status.ok()) {
    Command single{{options.bin_dir + "/postgres", "--single", "-D", build + "/data", "-F", "-c",
                    "exit_on_error=true", "postgres"},
                   build,
                   log};
    single.stdin_path = sql;
    status = Run(single, user);
  }
  if (status.ok() && rename(build.c_str(), template_path.c_str()) != 0 && errno != EEXIST &&
      errno != ENOTEMPTY) {
    status = absl::InternalError(absl::StrCat("rename to ", template_path, ": ", strerror(errno)));
  }
  RemoveDirectory(build);  // gone already when the rename succeeded
  return status;
}

// The template cluster's data directory, built if missing. It must belong to `user` and be
// writable by nobody else, as it is copied into every server.
absl::StatusOr<std::string> TemplateData(const PostgresServerOptions& options,
                                         const ServerUser& user) {
  const std::string path =
      absl::StrCat(TempRoot(), "redress_pg_template_", kTemplateVersion, "_", user.uid, "_",
                   fs::path(options.bin_dir).parent_path().filename().string());
  struct stat info {};
  if (stat(path.c_str(), &info) != 0) {
    RETURN_IF_ERROR(BuildTemplate(path, options, user));
    if (stat(path.c_str(), &info) != 0) {
      return absl::InternalError(absl::StrCat("no template cluster at ", path));
    }
  }
  if (info.st_uid != user.uid || (info.st_mode & (S_IWGRP | S_IWOTH)) != 0 ||
      !fs::exists(path + "/data/PG_VERSION")) {
    return absl::FailedPreconditionError(
        absl::StrCat(path, " is not a template cluster of uid ", user.uid, "; delete it"));
  }
  return path + "/data";
}

// Appends the server's settings to postgresql.conf of `data`.
absl::Status Configure(const std::string& data, const PostgresServerOptions& options) {
  std::ofstream conf(data + "/postgresql.conf", std::ios::app);
  conf << "\n# redress::testing::PostgresServer\n"
       << "listen_addresses = '127.0.0.1'\n"
       << "fsync = " << (options.fsync ? "on" : "off") << "\n"
       << "shared_buffers = '32MB'\n"
       << "max_connections = 50\n";
  for (const std::string& line : options.extra_config) conf << line << "\n";
  conf.close();
  if (!conf) return absl::InternalError(absl::StrCat("writing ", data, "/postgresql.conf"));
  return absl::OkStatus();
}

// Polls until a server at `conninfo` accepts connections, `pid` exits, or a minute passes.
absl::Status AwaitReady(const std::string& conninfo, pid_t pid, const std::string& log) {
  const absl::Time deadline = absl::Now() + absl::Minutes(1);
  while (absl::Now() < deadline) {
    if (PQping(conninfo.c_str()) == PQPING_OK) return absl::OkStatus();
    // WNOWAIT: leaves the child to be reaped by whoever stops it.
    siginfo_t info{};
    if (waitid(P_PID, pid, &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == pid) {
      return absl::UnavailableError(
          absl::StrCat("the server exited while starting:\n", LogTail(log)));
    }
    absl::SleepFor(absl::Milliseconds(10));
  }
  return absl::DeadlineExceededError(absl::StrCat("the server did not start:\n", LogTail(log)));
}

}  // namespace

absl::StatusOr<ServerUser> ServerUserForThisProcess() {
  ServerUser user;
  user.uid = geteuid();
  user.gid = getegid();
  if (user.uid != 0) return user;
  const passwd* postgres = getpwnam("postgres");
  if (postgres == nullptr) {
    return absl::FailedPreconditionError(
        "running as root, PostgreSQL needs the `postgres` user (install postgresql-15)");
  }
  user.uid = postgres->pw_uid;
  user.gid = postgres->pw_gid;
  user.switch_user = true;
  return user;
}

// --- PostgresServer. ---

absl::StatusOr<std::unique_ptr<PostgresServer>> PostgresServer::Start(
    const PostgresServerOptions& options) {
  ASSIGN_OR_RETURN(ServerUser user, ServerUserForThisProcess());
  ASSIGN_OR_RETURN(std::string template_data, TemplateData(options, user));
  ASSIGN_OR_RETURN(std::string directory, MakeDirectory("redress_pg_", user));
  std::unique_ptr<PostgresServer> server(new PostgresServer(user, options, directory));
  RETURN_IF_ERROR(Run({{"/bin/cp", "-a", template_data, server->data_directory()},
                       directory,
                       directory + "/copy.log"},
                      user));
  RETURN_IF_ERROR(Configure(server->data_directory(), options));
  RETURN_IF_ERROR(server->LaunchOnFreePort());
  return server;
}

PostgresServer::~PostgresServer() {
  Stop().IgnoreError();
  RemoveDirectory(directory_);
}

std::string PostgresServer::UrlFor(std::string_view database) const {
  return absl::StrCat("postgresql://postgres@127.0.0.1:", port_, "/", std::string(database));
}

std::string PostgresServer::host_and_port() const { return absl::StrCat("127.0.0.1:", port_); }

absl::Status PostgresServer::LaunchOnFreePort() {
  absl::Status status;
  for (int attempt = 0; attempt < 5; ++attempt) {
    ASSIGN_OR_RETURN(port_, FreePort());
    status = Launch();
    // Another process may have taken the port between FreePort() and the server's bind.
    if (status.ok() || !absl::StrContains(status.message(), "could not bind")) return status;
  }
  return status;
}

absl::Status PostgresServer::Launch() {
  const std::string log = directory_ + "/postgres.log";
  // SIGQUIT if this thread dies: PostgreSQL's immediate shutdown, which takes its children too.
  Command command{{options_.bin_dir + "/postgres", "-D", data_directory(), "-p",
                   absl::StrCat(port_), "-k", directory_},
                  directory_,
                  log};
  command.death_signal = SIGQUIT;
  ASSIGN_OR_RETURN(pid_, Spawn(command, user_));
  absl::Status ready = AwaitReady(
      absl::StrCat("host=", directory_, " port=", port_, " user=postgres dbname=postgres"), pid_,
      log);
  if (!ready.ok()) Stop().IgnoreError();
  return ready;
}

absl::Status PostgresServer::Stop() {
  if (pid_ <= 0) return absl::OkStatus();
  kill(pid_, SIGQUIT);
  int status = 0;
  while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  pid_ = 0;
  return absl::OkStatus();
}

absl::Status PostgresServer::Restart() {
  if (running()) return absl::FailedPreconditionError("the server is running");
  return Launch();
}

absl::Status PostgresServer::Execute(std::string_view sql, std::string_view database) const {
  const std::string conninfo = absl::StrCat("host=", directory_, " port=", port_,
                                            " user=postgres dbname=", std::string(database));
  PGconn* conn = PQconnectdb(conninfo.c_str());
  absl::Status status;
  if (PQstatus(conn) != CONNECTION_OK) {
    status = absl::UnavailableError(PQerrorMessage(conn));
  } else {
    PGresult* result = PQexec(conn, std::string(sql).c_str());
    const ExecStatusType outcome = PQresultStatus(result);
    if (outcome != PGRES_COMMAND_OK && outcome != PGRES_TUPLES_OK) {
      status = absl::InternalError(absl::StrCat(std::string(sql), ": ", PQerrorMessage(conn)));
    }
    PQclear(result);
  }
  PQfinish(conn);
  return status;
}

absl::Status PostgresServer::CreateDatabase(std::string_view name) const {
  return Execute(absl::StrCat("CREATE DATABASE \"", std::string(name), "\""), "postgres");
}

absl::StatusOr<std::unique_ptr<PostgresServer>> PostgresServer::StartStandby() const {
  if (!running()) return absl::FailedPreconditionError("the primary is not running");
  ASSIGN_OR_RETURN(std::string directory, MakeDirectory("redress_pg_standby_", user_));
  std::unique_ptr<PostgresServer> standby(new PostgresServer(user_, options_, directory));
  // -R writes standby.signal and primary_conninfo (this server's socket); postgresql.conf,
  // with this server's settings, comes with the copy. Port and socket are on the command line.
  RETURN_IF_ERROR(Run({{options_.bin_dir + "/pg_basebackup", "-D", standby->data_directory(), "-h",
                        directory_, "-p", absl::StrCat(port_), "-U", "postgres", "-R", "-X",
                        "stream", "-c", "fast", "--no-sync"},
                       directory,
                       directory + "/basebackup.log"},
                      user_));
  RETURN_IF_ERROR(standby->LaunchOnFreePort());
  return standby;
}

absl::Status PostgresServer::Promote() {
  // pg_promote(wait => true) returns once the server has left recovery, as pg_ctl promote -w.
  return Execute(
      "DO $$ BEGIN IF NOT pg_promote(true, 60) THEN RAISE 'not promoted'; END IF; END $$",
      "postgres");
}

// --- PgBouncer. ---

absl::StatusOr<std::unique_ptr<PgBouncer>> PgBouncer::Start(const PostgresServer& server,
                                                            int server_connections) {
  ASSIGN_OR_RETURN(ServerUser user, ServerUserForThisProcess());
  ASSIGN_OR_RETURN(std::string directory, MakeDirectory("redress_pgbouncer_", user));
  ASSIGN_OR_RETURN(int port, FreePort());
  const std::string ini = directory + "/pgbouncer.ini";
  std::ofstream(ini) << "[databases]\n"
                     << PostgresServer::kDatabase << " = host=" << server.directory()
                     << " port=" << server.port() << " dbname=" << PostgresServer::kDatabase
                     << " user=postgres\n"
                     << "[pgbouncer]\n"
                     << "listen_addr = 127.0.0.1\n"
                     << "listen_port = " << port << "\n"
                     << "unix_socket_dir =\n"
                     << "auth_type = any\n"
                     << "pool_mode = transaction\n"
                     << "default_pool_size = " << server_connections << "\n"
                     << "max_client_conn = 100\n"
                     << "logfile = " << directory << "/pgbouncer.log\n";
  const std::string log = directory + "/stderr.log";
  Command command{{kPgBouncer, ini}, directory, log};
  command.death_signal = SIGTERM;
  absl::StatusOr<pid_t> pid = Spawn(command, user);
  if (!pid.ok()) {
    RemoveDirectory(directory);
    return pid.status();
  }
  std::unique_ptr<PgBouncer> bouncer(new PgBouncer(directory, port, *pid));
  RETURN_IF_ERROR(AwaitReady(absl::StrCat("host=127.0.0.1 port=", port,
                                          " user=postgres dbname=", PostgresServer::kDatabase),
                             *pid, log));
  return bouncer;
}

PgBouncer::~PgBouncer() {
  kill(pid_, SIGTERM);  // immediate shutdown
  int status = 0;
  while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  RemoveDirectory(directory_);
}

std::string PgBouncer::url() const {
  return absl::StrCat("postgresql://postgres@127.0.0.1:", port_, "/", PostgresServer::kDatabase);
}

}  // namespace redress::testing
