// SPDX-License-Identifier: GPL-3.0-or-later
#include "archive/archiveextractor.h"

#include "archive/entryname.h"
#include "archive/safefs.h"
#include "archive/utf8locale.h"
#include "crypto/digest.h"

#include <QFile>

#include <archive.h>
#include <archive_entry.h>

#include <cerrno>
#include <cmath>
#include <memory>
#include <sys/stat.h>

namespace capaudit {

namespace {

constexpr size_t kReadBlockBytes = 1 << 20;

struct ArchiveReadDeleter {
    void operator()(archive* a) const
    {
        archive_read_free(a);
    }
};
using ArchiveReader = std::unique_ptr<archive, ArchiveReadDeleter>;

QString entryTypeName(mode_t type)
{
    switch (type) {
    case AE_IFLNK:
        return QStringLiteral("a symbolic link");
    case AE_IFCHR:
        return QStringLiteral("a character device");
    case AE_IFBLK:
        return QStringLiteral("a block device");
    case AE_IFIFO:
        return QStringLiteral("a FIFO");
    case AE_IFSOCK:
        return QStringLiteral("a socket");
    default:
        return QStringLiteral("of an unknown type");
    }
}

class Extractor {
public:
    Extractor(const QString& archivePath, int destFd, const ArchiveLimits& limits, qint64 archiveBytes)
        : m_path(archivePath)
        , m_destFd(destFd)
        , m_limits(limits)
        // Whole bytes are enough: the budget only needs to stop a bomb, not to be exact.
        , m_ratioBudget(
              static_cast<qint64>(std::min(limits.maxCompressionRatio * static_cast<double>(archiveBytes), 9.0e18)))
    {
    }

    // With DESTFD < 0 only the headers are checked and the data skipped (a seek for zip and plain tar).
    Status run(archive* reader);
    std::vector<TreeFile> takeFiles()
    {
        return std::move(m_files);
    }

private:
    bool dryRun() const
    {
        return m_destFd < 0;
    }
    Status extractEntry(archive* reader, archive_entry* entry);
    Status writeData(archive* reader, const QString& name, safefs::UniqueFd file);
    Status checkGrowth(const QString& name, qint64 entryBytes, qint64 totalBytes) const;
    Result<QByteArray> entryName(archive_entry* entry) const;
    Error error(const QString& field, const QString& reason) const
    {
        return Error(m_path, 0, field, reason);
    }
    // A failed write into the extraction directory: local when the machine ran out of room (the bundle is then not
    // to blame), else the entry's own doing (a name that collides with a file, say).
    Error localOr(int errorNumber, const QString& field, const QString& what) const
    {
        return error(field, QStringLiteral("%1: %2").arg(what, safefs::errnoText(errorNumber)))
            .markedLocal(safefs::isLocalFailure(errorNumber));
    }
    Error corrupt(archive* reader, const QString& field) const
    {
        const char* message = archive_error_string(reader);
        return error(field,
            QStringLiteral("archive is truncated or corrupt: %1")
                .arg(message ? QString::fromUtf8(message) : QStringLiteral("unknown error")));
    }

    QString m_path;
    int m_destFd;
    ArchiveLimits m_limits;
    qint64 m_ratioBudget;
    EntryIndex m_index;
    std::vector<TreeFile> m_files;
    qint64 m_entries = 0;
    qint64 m_totalBytes = 0;
    // Files usually arrive grouped by directory: keep the last parent open instead of re-walking it.
    QString m_parentPath;
    safefs::UniqueFd m_parentFd;
};

Status Extractor::run(archive* reader)
{
    for (;;) {
        archive_entry* entry = nullptr;
        const int status = archive_read_next_header(reader, &entry);
        if (status == ARCHIVE_EOF)
            return Status::success();
        // ARCHIVE_WARN on a header is typically a name charset conversion; the name checks below decide.
        if (status < ARCHIVE_WARN)
            return corrupt(reader, QString());
        if (++m_entries > m_limits.maxEntries)
            return error(QString(), QStringLiteral("archive has more than %1 entries").arg(m_limits.maxEntries));
        if (Status extracted = extractEntry(reader, entry); !extracted)
            return extracted;
    }
}

Result<QByteArray> Extractor::entryName(archive_entry* entry) const
{
    // Under Utf8LocaleScope the locale form is the header's bytes as stored (ustar) or its UTF-8 field (pax, zip
    // with the UTF-8 flag); only a name libarchive cannot express that way leaves the UTF-8 form alone.
    if (const char* local = archive_entry_pathname(entry))
        return QByteArray(local);
    if (const char* utf8 = archive_entry_pathname_utf8(entry))
        return QByteArray(utf8);
    return error(QString(), QStringLiteral("an entry name cannot be decoded"));
}

Status Extractor::extractEntry(archive* reader, archive_entry* entry)
{
    Result<QByteArray> raw = entryName(entry);
    if (!raw)
        return raw.error();
    const mode_t type = archive_entry_filetype(entry);
    Result<QString> normalised = normaliseEntryName(*raw, type == AE_IFDIR);
    if (!normalised)
        return error(normalised.error().field, normalised.error().reason);
    const QString& name = *normalised;

    if (archive_entry_hardlink(entry))
        return error(name, refusedTypeReason(name, QStringLiteral("a hard link")));
    if (type == AE_IFDIR) {
        if (Status added = m_index.addDirectory(name); !added)
            return error(name, added.error().reason);
        return Status::success(); // directories are implied by the files in them
    }
    if (type != AE_IFREG)
        return error(name, refusedTypeReason(name, entryTypeName(type)));
    if (archive_entry_is_encrypted(entry))
        return error(name, QStringLiteral("entry '%1' is encrypted; bundles must not be").arg(name));
    if (archive_entry_sparse_count(entry) > 0)
        return error(name, QStringLiteral("entry '%1' is a sparse file; bundles must not contain any").arg(name));
    if (Status added = m_index.addFile(name); !added)
        return error(name, added.error().reason);
    // Charge the declared size up front: a bomb is refused before a single byte of it is written.
    if (archive_entry_size_is_set(entry)) {
        const qint64 declared = archive_entry_size(entry);
        if (declared < 0)
            return error(name, QStringLiteral("entry '%1' has a negative size").arg(name));
        if (Status fits = checkGrowth(name, declared, m_totalBytes + declared); !fits)
            return fits;
    }

    if (dryRun()) {
        m_totalBytes += std::max<qint64>(archive_entry_size(entry), 0);
        if (archive_read_data_skip(reader) != ARCHIVE_OK)
            return corrupt(reader, name);
        return Status::success();
    }

    const qsizetype slash = name.lastIndexOf(QLatin1Char('/'));
    const QString parent = slash < 0 ? QString() : name.left(slash);
    if (!m_parentFd.valid() || parent != m_parentPath) {
        m_parentFd = safefs::openDirectoryBeneath(m_destFd, parent, true);
        if (!m_parentFd.valid())
            return localOr(errno, name, QStringLiteral("cannot create directory for '%1'").arg(name));
        m_parentPath = parent;
    }
    safefs::UniqueFd file = safefs::createFileIn(m_parentFd.get(), QStringView(name).mid(slash + 1));
    if (!file.valid())
        return localOr(errno, name, QStringLiteral("cannot create '%1'").arg(name));
    return writeData(reader, name, std::move(file));
}

Status Extractor::checkGrowth(const QString& name, qint64 entryBytes, qint64 totalBytes) const
{
    if (entryBytes > m_limits.maxEntryBytes)
        return error(
            name, QStringLiteral("entry '%1' is larger than the %2-byte limit").arg(name).arg(m_limits.maxEntryBytes));
    if (totalBytes > m_limits.maxTotalBytes)
        return error(name, QStringLiteral("uncompressed size exceeds the %1-byte limit").arg(m_limits.maxTotalBytes));
    if (totalBytes > m_ratioBudget)
        return error(name,
            QStringLiteral("uncompressed size exceeds %1x the archive size: refusing a possible zip bomb")
                .arg(m_limits.maxCompressionRatio));
    return Status::success();
}

Status Extractor::writeData(archive* reader, const QString& name, safefs::UniqueFd file)
{
    crypto::Hasher hasher(crypto::HashAlgorithm::Sha256);
    qint64 written = 0;
    for (;;) {
        const void* block = nullptr;
        size_t size = 0;
        la_int64_t offset = 0;
        const int status = archive_read_data_block(reader, &block, &size, &offset);
        if (status == ARCHIVE_EOF)
            break;
        if (status != ARCHIVE_OK)
            return corrupt(reader, name);
        // A gap would be a hole in a sparse file, which the header check already refuses; never guess.
        if (offset != written)
            return error(name, QStringLiteral("entry '%1' has non-contiguous data").arg(name));
        const auto bytes = static_cast<qint64>(size);
        if (Status fits = checkGrowth(name, written + bytes, m_totalBytes + bytes); !fits)
            return fits;
        const char* data = static_cast<const char*>(block);
        hasher.add(QByteArrayView(data, bytes));
        if (!safefs::writeAll(file.get(), data, size))
            return localOr(errno, name, QStringLiteral("cannot write '%1'").arg(name));
        written += bytes;
        m_totalBytes += bytes;
    }
    m_files.push_back(TreeFile { name, written, hasher.finish() });
    return Status::success();
}

} // namespace

namespace {

struct OpenedReader {
    ArchiveReader reader;
    qint64 archiveBytes = 0;
};

Result<OpenedReader> openReader(const QString& archivePath, ArchiveFormat format)
{
    struct stat info { };
    const QByteArray encodedPath = QFile::encodeName(archivePath);
    if (::stat(encodedPath.constData(), &info) != 0)
        return Error(archivePath, QStringLiteral("cannot read archive: %1").arg(safefs::errnoText(errno)));
    if (!S_ISREG(info.st_mode))
        return Error(archivePath, QStringLiteral("archive is not a regular file"));

    ArchiveReader reader(archive_read_new());
    if (!reader)
        return Error(archivePath, QStringLiteral("cannot initialise libarchive"));
    // Only the formats a bundle may use: every other reader libarchive ships is attack surface we do not need.
    // For zip, the seekable reader trusts the central directory, as unzip and every desktop tool do, so the
    // auditor sees the files the vendor's tools showed, and skipping data is a seek.
    const bool zip = format == ArchiveFormat::Zip;
    int status =
        zip ? archive_read_support_format_zip_seekable(reader.get()) : archive_read_support_format_tar(reader.get());
    if (status == ARCHIVE_OK)
        status = archive_read_support_filter_none(reader.get());
    if (status == ARCHIVE_OK && format == ArchiveFormat::TarGzip)
        status = archive_read_support_filter_gzip(reader.get());
    if (status == ARCHIVE_OK)
        status = archive_read_open_filename(reader.get(), encodedPath.constData(), kReadBlockBytes);
    if (status != ARCHIVE_OK) {
        const char* message = archive_error_string(reader.get());
        return Error(archivePath,
            QStringLiteral("archive is truncated or corrupt: %1")
                .arg(message ? QString::fromUtf8(message) : QStringLiteral("cannot open")));
    }
    return OpenedReader { std::move(reader), std::max<qint64>(info.st_size, 1) };
}

} // namespace

Result<std::vector<TreeFile>> extractArchive(
    const QString& archivePath, ArchiveFormat format, int destFd, const ArchiveLimits& limits)
{
    const Utf8LocaleScope utf8;
    // Where skipping data is only a seek, check every header first: a zip of 100,000 entries, or one bad name at
    // the end, is refused before a file is written. Behind gzip a skip means decompressing everything twice, so a
    // .tar.gz is checked in the single extracting pass only.
    if (format != ArchiveFormat::TarGzip) {
        Result<OpenedReader> opened = openReader(archivePath, format);
        if (!opened)
            return opened.error();
        Extractor headerCheck(archivePath, -1, limits, opened->archiveBytes);
        if (Status checked = headerCheck.run(opened->reader.get()); !checked)
            return checked.error();
    }
    Result<OpenedReader> opened = openReader(archivePath, format);
    if (!opened)
        return opened.error();
    Extractor extractor(archivePath, destFd, limits, opened->archiveBytes);
    if (Status extracted = extractor.run(opened->reader.get()); !extracted)
        return extracted.error();
    std::vector<TreeFile> files = extractor.takeFiles();
    sortTree(files);
    return files;
}

} // namespace capaudit
