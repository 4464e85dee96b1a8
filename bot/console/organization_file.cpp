#include "bot/console/organization_file.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bot/log.hpp"

namespace gridbot::console {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(const std::string& path, const char* step) {
  throw std::runtime_error(path + ": cannot " + step + ": " + std::strerror(errno));
}

// Closes on every path out, so a failed write does not leak the descriptor.
struct Descriptor {
  int fd;
  ~Descriptor() {
    if (fd >= 0) ::close(fd);
  }
};

void write_all(int fd, std::string_view text, const std::string& path) {
  while (!text.empty()) {
    const ssize_t n = ::write(fd, text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail(path, "write");
    text.remove_prefix(static_cast<std::size_t>(n));
  }
}

}  // namespace

OrganizationSource organization_source(const std::string& organization, const std::string& data_dir) {
  if (!organization.empty()) {
    log::info("config", "organization: {}", organization);
    return {read_organization_file(organization), organization};
  }
  const std::string edited = (fs::path(data_dir) / "organization.json").string();
  std::error_code ec;
  if (fs::exists(edited, ec)) {
    log::info("config", "organization: {} (the built-in sample as edited in the console)", edited);
    return {read_organization_file(edited), edited};
  }
  log::info("config", "organization: the built-in sample; console edits will be written to {}", edited);
  return {sample_organization_file(), edited};
}

void replace_file_atomically(const std::string& path, std::string_view text) {
  const fs::path target(path);
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::error_code ec;
  fs::create_directories(dir, ec);
  std::string temp = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
  Descriptor file{::mkstemp(temp.data())};
  if (file.fd < 0) fail(temp, "create");
  try {
    // mkstemp makes it 0600: keep the mode the operator gave the file.
    struct stat old {};
    const mode_t mode = ::stat(path.c_str(), &old) == 0 ? (old.st_mode & 07777) : 0644;
    if (::fchmod(file.fd, mode) != 0) fail(temp, "set the mode of");
    write_all(file.fd, text, temp);
    if (::fsync(file.fd) != 0) fail(temp, "fsync");
    if (::close(file.fd) != 0) {
      file.fd = -1;
      fail(temp, "close");
    }
    file.fd = -1;
    if (::rename(temp.c_str(), path.c_str()) != 0) fail(path, "rename over");
  } catch (...) {
    ::unlink(temp.c_str());  // the old file stays as it was
    throw;
  }
  // The rename is in the directory: without this fsync a power cut could bring back the old name.
  Descriptor directory{::open(dir.c_str(), O_RDONLY | O_DIRECTORY)};
  if (directory.fd < 0 || ::fsync(directory.fd) != 0) fail(dir.string(), "fsync the directory of");
}

}  // namespace gridbot::console
