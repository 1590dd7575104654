// SPDX-License-Identifier: GPL-3.0-or-later
#include "archive/bundletree.h"
#include "archive/entryname.h"
#include "archive/safefs.h"

#include <algorithm>
#include <cerrno>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace capaudit {

namespace {

class DirectoryScanner {
public:
    DirectoryScanner(const QString& root, const ArchiveLimits& limits)
        : m_root(root)
        , m_limits(limits)
    {
    }

    Status scan(int dirFd, const QByteArray& prefix);
    std::vector<TreeFile> takeFiles()
    {
        return std::move(m_files);
    }

private:
    Status visit(int dirFd, const char* name, const QByteArray& prefix);
    Error error(const QString& field, const QString& reason) const
    {
        return Error(m_root, 0, field, reason);
    }

    QString m_root;
    ArchiveLimits m_limits;
    EntryIndex m_index;
    std::vector<TreeFile> m_files;
    qint64 m_entries = 0;
    qint64 m_totalBytes = 0;
};

struct DirCloser {
    void operator()(DIR* dir) const
    {
        ::closedir(dir);
    }
};

QString fileTypeName(mode_t mode)
{
    if (S_ISLNK(mode))
        return QStringLiteral("a symbolic link");
    if (S_ISCHR(mode))
        return QStringLiteral("a character device");
    if (S_ISBLK(mode))
        return QStringLiteral("a block device");
    if (S_ISFIFO(mode))
        return QStringLiteral("a FIFO");
    if (S_ISSOCK(mode))
        return QStringLiteral("a socket");
    return QStringLiteral("a special file");
}

Status DirectoryScanner::scan(int dirFd, const QByteArray& prefix)
{
    // fdopendir takes ownership of its descriptor, so give it a duplicate.
    const int listFd = ::fcntl(dirFd, F_DUPFD_CLOEXEC, 0);
    std::unique_ptr<DIR, DirCloser> dir(listFd >= 0 ? ::fdopendir(listFd) : nullptr);
    if (!dir) {
        const int saved = errno;
        if (listFd >= 0)
            ::close(listFd);
        return error(
            QString::fromUtf8(prefix), QStringLiteral("cannot list directory: %1").arg(safefs::errnoText(saved)));
    }
    for (;;) {
        errno = 0;
        const dirent* entry = ::readdir(dir.get());
        if (!entry) {
            if (errno != 0)
                return error(QString::fromUtf8(prefix),
                    QStringLiteral("cannot list directory: %1").arg(safefs::errnoText(errno)));
            return Status::success();
        }
        const QByteArrayView name(entry->d_name);
        if (name == ".." || name == ".")
            continue;
        if (Status visited = visit(dirFd, entry->d_name, prefix); !visited)
            return visited;
    }
}

Status DirectoryScanner::visit(int dirFd, const char* name, const QByteArray& prefix)
{
    const QByteArray raw = prefix.isEmpty() ? QByteArray(name) : prefix + '/' + name;
    struct stat info { };
    if (::fstatat(dirFd, name, &info, AT_SYMLINK_NOFOLLOW) != 0)
        return error(
            displayName(raw), QStringLiteral("cannot read '%1': %2").arg(displayName(raw), safefs::errnoText(errno)));
    const bool isDirectory = S_ISDIR(info.st_mode);
    Result<QString> path = normaliseEntryName(raw, isDirectory);
    if (!path)
        return error(path.error().field, path.error().reason);
    if (++m_entries > m_limits.maxEntries)
        return error(*path, QStringLiteral("bundle has more than %1 entries").arg(m_limits.maxEntries));

    if (isDirectory) {
        if (Status added = m_index.addDirectory(*path); !added)
            return error(*path, added.error().reason);
        safefs::UniqueFd child(::openat(dirFd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
        if (!child.valid())
            return error(*path, QStringLiteral("cannot open directory '%1': %2").arg(*path, safefs::errnoText(errno)));
        return scan(child.get(), raw);
    }
    if (!S_ISREG(info.st_mode))
        return error(*path, refusedTypeReason(*path, fileTypeName(info.st_mode)));
    if (Status added = m_index.addFile(*path); !added)
        return error(*path, added.error().reason);
    if (info.st_size > m_limits.maxEntryBytes)
        return error(*path,
            QStringLiteral("file '%1' is %2 bytes, more than the %3-byte limit")
                .arg(*path)
                .arg(info.st_size)
                .arg(m_limits.maxEntryBytes));
    m_totalBytes += info.st_size;
    if (m_totalBytes > m_limits.maxTotalBytes)
        return error(*path, QStringLiteral("bundle is larger than the %1-byte limit").arg(m_limits.maxTotalBytes));
    m_files.push_back(TreeFile { *path, info.st_size, {} });
    return Status::success();
}

} // namespace

QString refusedTypeReason(const QString& name, const QString& what)
{
    return QStringLiteral("entry '%1' is %2; bundles may contain only regular files and directories").arg(name, what);
}

void sortTree(std::vector<TreeFile>& files)
{
    std::vector<std::pair<QByteArray, TreeFile>> keyed;
    keyed.reserve(files.size());
    for (TreeFile& file : files)
        keyed.emplace_back(file.path.toUtf8(), std::move(file));
    std::sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    files.clear();
    for (auto& entry : keyed)
        files.push_back(std::move(entry.second));
}

Result<std::vector<TreeFile>> scanDirectory(const QString& root, const ArchiveLimits& limits)
{
    const safefs::UniqueFd rootFd = safefs::openRoot(root);
    if (!rootFd.valid())
        return Error(root, QStringLiteral("cannot open bundle directory: %1").arg(safefs::errnoText(errno)));
    DirectoryScanner scanner(root, limits);
    if (Status scanned = scanner.scan(rootFd.get(), QByteArray()); !scanned)
        return scanned.error();
    std::vector<TreeFile> files = scanner.takeFiles();
    sortTree(files);
    return files;
}

} // namespace capaudit
