// SPDX-License-Identifier: GPL-3.0-or-later
// Bundle reading from directories and archives. Every archive is built here with libarchive's writer (no binary
// fixtures). Hostile cases run in a sandbox whose whole tree is compared before and after: a refused bundle must
// leave nothing behind, neither at the traversal targets nor in the private temporary directory.
#include "archive/bundlesource.h"
#include "archive/bundlewriter.h"
#include "testsupport.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <archive.h>
#include <archive_entry.h>

#include <clocale>
#include <functional>
#include <memory>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

using namespace capaudit;

namespace {

struct TestEntry {
    TestEntry() = default;
    TestEntry(QByteArray entryName, QByteArray contents = {}, unsigned entryType = AE_IFREG, QByteArray target = {},
        bool isHardlink = false, qint64 zeroBytes = 0)
        : name(std::move(entryName))
        , data(std::move(contents))
        , type(entryType)
        , link(std::move(target))
        , hardlink(isHardlink)
        , zeros(zeroBytes)
    {
    }

    QByteArray name;
    QByteArray data;
    unsigned type = AE_IFREG;
    QByteArray link; // symlink target, or hard link target when hardlink is set
    bool hardlink = false;
    qint64 zeros = 0; // when > 0, the data is this many zero bytes, streamed
};

struct ArchiveWriter {
    std::unique_ptr<archive, decltype(&archive_write_free)> a { archive_write_new(), &archive_write_free };

    explicit ArchiveWriter(const QString& path, const char* options = nullptr)
    {
        if (path.endsWith(QLatin1String(".zip")) || path.endsWith(QLatin1String(".capbundle"))) {
            archive_write_set_format_zip(a.get());
        } else {
            archive_write_set_format_pax_restricted(a.get());
            if (path.endsWith(QLatin1String("gz")))
                archive_write_add_filter_gzip(a.get());
        }
        archive_write_set_bytes_in_last_block(a.get(), 1);
        if (options) {
            QVERIFY2(archive_write_set_options(a.get(), options) == ARCHIVE_OK, archive_error_string(a.get()));
            QVERIFY(archive_write_set_passphrase(a.get(), "secret") == ARCHIVE_OK);
        }
        QVERIFY(archive_write_open_filename(a.get(), QFile::encodeName(path).constData()) == ARCHIVE_OK);
    }

    void add(const TestEntry& e)
    {
        std::unique_ptr<archive_entry, decltype(&archive_entry_free)> entry(archive_entry_new(), &archive_entry_free);
        archive_entry_set_pathname(entry.get(), e.name.constData());
        archive_entry_set_filetype(entry.get(), e.type);
        archive_entry_set_perm(entry.get(), e.type == AE_IFDIR ? 0755 : 0644);
        if (e.type == AE_IFLNK)
            archive_entry_set_symlink(entry.get(), e.link.constData());
        if (e.hardlink)
            archive_entry_set_hardlink(entry.get(), e.link.constData());
        if (e.type == AE_IFCHR)
            archive_entry_set_rdev(entry.get(), makedev(1, 3));
        const qint64 size = e.type != AE_IFREG || e.hardlink ? 0 : (e.zeros > 0 ? e.zeros : e.data.size());
        archive_entry_set_size(entry.get(), size);
        // WARN: a name the locale cannot convert is still written, as raw bytes; the non-UTF-8 case needs that.
        QVERIFY(archive_write_header(a.get(), entry.get()) >= ARCHIVE_WARN);
        if (e.zeros > 0) {
            const QByteArray chunk(1 << 20, '\0');
            for (qint64 left = e.zeros; left > 0; left -= chunk.size())
                archive_write_data(
                    a.get(), chunk.constData(), static_cast<size_t>(std::min<qint64>(left, chunk.size())));
        } else if (size > 0) {
            QCOMPARE(archive_write_data(a.get(), e.data.constData(), static_cast<size_t>(size)), size);
        }
    }

    void close()
    {
        QCOMPARE(archive_write_close(a.get()), ARCHIVE_OK);
    }
};

void writeArchive(const QString& path, const QList<TestEntry>& entries)
{
    ArchiveWriter writer(path);
    for (const TestEntry& entry : entries)
        writer.add(entry);
    writer.close();
}

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

QByteArray randomBytes(qsizetype size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator generator(size); // seeded: reruns build the same inputs
    for (char& c : bytes)
        c = static_cast<char>(generator.bounded(256));
    return bytes;
}

// The reference bundle: path -> contents. "données" checks UTF-8 names; the empty file checks zero-length hashing.
QMap<QString, QByteArray> referenceTree()
{
    QMap<QString, QByteArray> tree;
    tree.insert(
        QStringLiteral("envelope.dsse.json"), QByteArrayLiteral("{\"payloadType\":\"application/vnd.in-toto+json\"}"));
    tree.insert(QStringLiteral("certs/chain.pem"), QByteArrayLiteral("-----BEGIN CERTIFICATE-----\nMIIB\n"));
    tree.insert(QStringLiteral("data/usage.csv"), QByteArray("ts,used\n").repeated(2000));
    tree.insert(QStringLiteral("data/nested/deep/blob.bin"), randomBytes(300 * 1024));
    tree.insert(QStringLiteral("data/empty.txt"), QByteArray());
    tree.insert(QStringLiteral("data/donn\u00e9es.csv"), QByteArrayLiteral("a,b\n1,2\n"));
    tree.insert(QStringLiteral("data-sidecar.txt"), QByteArrayLiteral("sorts before data/ in byte order\n"));
    tree.insert(QStringLiteral("tlog/proof.json"), QByteArrayLiteral("{}"));
    return tree;
}

QStringList byteSorted(QStringList names)
{
    std::sort(names.begin(), names.end(), [](const QString& a, const QString& b) { return a.toUtf8() < b.toUtf8(); });
    return names;
}

// Every path under ROOT (not following symlinks), with the size of regular files.
QMap<QString, qint64> snapshot(const QString& root)
{
    QMap<QString, qint64> entries;
    QDirIterator it(
        root, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        const QFileInfo info = it.fileInfo();
        entries.insert(info.absoluteFilePath(), info.isFile() && !info.isSymLink() ? info.size() : -1);
    }
    return entries;
}

// Sets the 32-bit little-endian field at OFFSET after every occurrence of SIGNATURE.
void patchZipSizes(QByteArray& zip, QByteArrayView signature, int offset, quint32 value)
{
    for (qsizetype at = zip.indexOf(signature); at >= 0; at = zip.indexOf(signature, at + 1)) {
        for (int i = 0; i < 4; ++i)
            zip[at + offset + i] = static_cast<char>((value >> (8 * i)) & 0xff);
    }
}

} // namespace

Q_DECLARE_METATYPE(TestEntry)
// Aliases: Qt's metatype registry wants normalised names, which "std::function<void(const QString&)>" is not.
using ArchiveMaker = std::function<void(const QString&)>;
using DirectoryPlanter = std::function<bool(const QString&)>;
Q_DECLARE_METATYPE(ArchiveMaker)
Q_DECLARE_METATYPE(DirectoryPlanter)

class TstArchive : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void happyPath_data();
    void happyPath();
    void roundTrip_data();
    void roundTrip();
    void writerRefusesSymlinkSource();
    void copiesShareTheTempDir();
    void readFileLimits();
    void configuredLimits();
    void hostileEntries_data();
    void hostileEntries();
    void hostileFiles_data();
    void hostileFiles();
    void hostileDirectory_data();
    void hostileDirectory();

private:
    QString input(const QString& name) const
    {
        return m_sandbox.path() + QStringLiteral("/in/") + name;
    }
    void makeReferenceDirectory(const QString& dir) const;
    void checkMatchesReference(const BundleSource& bundle) const;
    void expectRefused(const QString& path, const QString& reason, const ArchiveLimits& limits = {});

    QTemporaryDir m_sandbox;
    QString m_tmp; // TMPDIR while the tests run
    QByteArray m_oldTmpDir;
    QMap<QString, QByteArray> m_tree;
};

void TstArchive::initTestCase()
{
    QVERIFY(m_sandbox.isValid());
    m_tmp = m_sandbox.path() + QStringLiteral("/tmp");
    QVERIFY(QDir().mkpath(m_tmp));
    QVERIFY(QDir().mkpath(input(QString())));
    m_oldTmpDir = qgetenv("TMPDIR");
    qputenv("TMPDIR", QFile::encodeName(m_tmp));
    QCOMPARE(QDir::tempPath(), m_tmp);
    m_tree = referenceTree();
}

void TstArchive::cleanupTestCase()
{
    if (m_oldTmpDir.isEmpty())
        qunsetenv("TMPDIR");
    else
        qputenv("TMPDIR", m_oldTmpDir);
}

void TstArchive::makeReferenceDirectory(const QString& dir) const
{
    for (auto it = m_tree.cbegin(); it != m_tree.cend(); ++it)
        QVERIFY(writeFile(dir + QLatin1Char('/') + it.key(), it.value()));
}

void TstArchive::checkMatchesReference(const BundleSource& bundle) const
{
    QCOMPARE(bundle.files(), byteSorted(m_tree.keys()));
    qint64 total = 0;
    for (auto it = m_tree.cbegin(); it != m_tree.cend(); ++it) {
        QVERIFY2(bundle.contains(it.key()), qPrintable(it.key()));
        const Result<QByteArray> digest = bundle.sha256(it.key());
        QVERIFY2(digest.ok(), qPrintable(digest.error().toString()));
        QCOMPARE(*digest, QCryptographicHash::hash(it.value(), QCryptographicHash::Sha256));
        const Result<QByteArray> bytes = bundle.readFile(it.key());
        QVERIFY2(bytes.ok(), qPrintable(bytes.error().toString()));
        QCOMPARE(*bytes, it.value());
        QCOMPARE(QFileInfo(bundle.absolutePath(it.key())).size(), it.value().size());
        total += it.value().size();
    }
    QCOMPARE(bundle.totalBytes(), total);
}

void TstArchive::happyPath_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("dotPrefix"); // "./" names and explicit directory entries, as `tar -C dir .` writes
    QTest::newRow("directory") << QStringLiteral("happy-dir") << false;
    QTest::newRow("tar") << QStringLiteral("happy.tar") << false;
    QTest::newRow("tar ./") << QStringLiteral("happy-dot.tar") << true;
    QTest::newRow("tar.gz") << QStringLiteral("happy.tar.gz") << false;
    QTest::newRow("tgz ./") << QStringLiteral("happy-dot.tgz") << true;
    QTest::newRow("zip") << QStringLiteral("happy.zip") << false;
    QTest::newRow("capbundle") << QStringLiteral("happy.capbundle") << false;
}

void TstArchive::happyPath()
{
    QFETCH(QString, name);
    QFETCH(bool, dotPrefix);
    const QString path = input(name);
    if (!name.contains(QLatin1Char('.'))) {
        makeReferenceDirectory(path);
    } else {
        QList<TestEntry> entries;
        if (dotPrefix)
            entries.append(TestEntry { "./", {}, AE_IFDIR });
        for (auto it = m_tree.cbegin(); it != m_tree.cend(); ++it) {
            const QByteArray prefix = dotPrefix ? "./" : "";
            if (dotPrefix && it.key().contains(QLatin1Char('/')))
                entries.append(
                    TestEntry { prefix + it.key().section(QLatin1Char('/'), 0, 0).toUtf8() + '/', {}, AE_IFDIR });
            entries.append(TestEntry { prefix + it.key().toUtf8(), it.value() });
        }
        writeArchive(path, entries);
    }
    {
        const Result<BundleSource> bundle = BundleSource::open(path);
        QVERIFY2(bundle.ok(), qPrintable(bundle.error().toString()));
        QCOMPARE(bundle->path(), path);
        QCOMPARE(bundle->isArchive(), name.contains(QLatin1Char('.')));
        checkMatchesReference(*bundle);
        if (bundle->isArchive()) {
            QVERIFY(bundle->root().startsWith(m_tmp + QLatin1Char('/')));
            struct stat info { };
            QCOMPARE(::stat(QFile::encodeName(bundle->root()).constData(), &info), 0);
            QCOMPARE(info.st_mode & 07777, 0700u);
        } else {
            QCOMPARE(bundle->root(), QFileInfo(path).absoluteFilePath());
        }
    }
    QVERIFY(QDir(m_tmp).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot));
}

void TstArchive::roundTrip_data()
{
    QTest::addColumn<QString>("extension");
    for (const char* extension : { ".tar", ".tar.gz", ".tgz", ".zip", ".capbundle" })
        QTest::newRow(extension) << QString::fromLatin1(extension);
}

void TstArchive::roundTrip()
{
    QFETCH(QString, extension);
    const QString source = input(QStringLiteral("roundtrip-src"));
    if (!QFileInfo::exists(source))
        makeReferenceDirectory(source);
    const QString first = input(QStringLiteral("roundtrip-1") + extension);
    const QString second = input(QStringLiteral("roundtrip-2") + extension);
    const Status written = writeBundleArchive(source, first);
    QVERIFY2(written.ok(), qPrintable(written.error().toString()));
    {
        // The bytes must not depend on the process locale either (libarchive converts names through it).
        const QByteArray previous = ::setlocale(LC_ALL, nullptr);
        ::setlocale(LC_ALL, "C");
        const Status again = writeBundleArchive(source, second);
        ::setlocale(LC_ALL, previous.constData());
        QVERIFY2(again.ok(), qPrintable(again.error().toString()));
    }
    QCOMPARE(test::readAll(first), test::readAll(second)); // deterministic
    QVERIFY(test::readAll(first).size() > 0);

    const Result<BundleSource> bundle = BundleSource::open(first);
    QVERIFY2(bundle.ok(), qPrintable(bundle.error().toString()));
    checkMatchesReference(*bundle);

    // The headers carry no time, owner or host-specific mode.
    std::unique_ptr<archive, decltype(&archive_read_free)> reader(archive_read_new(), &archive_read_free);
    archive_read_support_format_all(reader.get());
    archive_read_support_filter_all(reader.get());
    QCOMPARE(archive_read_open_filename(reader.get(), QFile::encodeName(first).constData(), 65536), ARCHIVE_OK);
    archive_entry* entry = nullptr;
    QStringList names;
    while (archive_read_next_header(reader.get(), &entry) == ARCHIVE_OK) {
        names.append(QString::fromUtf8(archive_entry_pathname_utf8(entry)));
        QCOMPARE(archive_entry_uid(entry), 0);
        QCOMPARE(archive_entry_gid(entry), 0);
        QVERIFY(!archive_entry_uname(entry) || !*archive_entry_uname(entry));
        QVERIFY(!archive_entry_gname(entry) || !*archive_entry_gname(entry));
        if (!extension.contains(QLatin1String("zip")) && !extension.contains(QLatin1String("capbundle")))
            QCOMPARE(archive_entry_mtime(entry), 0);
        const bool directory = archive_entry_filetype(entry) == AE_IFDIR;
        QCOMPARE(archive_entry_perm(entry), directory ? 0755u : 0644u);
    }
    QCOMPARE(names, byteSorted(names));
}

void TstArchive::writerRefusesSymlinkSource()
{
    const QString source = input(QStringLiteral("writer-symlink"));
    QVERIFY(writeFile(source + QStringLiteral("/data/a.csv"), "x"));
    QVERIFY(QFile::link(QStringLiteral("/etc/passwd"), source + QStringLiteral("/data/passwd")));
    const QString target = input(QStringLiteral("writer-symlink.tar"));
    const Status written = writeBundleArchive(source, target);
    QVERIFY(!written.ok());
    QVERIFY2(written.error().reason.contains(QLatin1String("symbolic link")), qPrintable(written.error().toString()));
    QVERIFY(!QFileInfo::exists(target));
    QVERIFY(!writeBundleArchive(source, input(QStringLiteral("x.rar"))).ok());
}

void TstArchive::copiesShareTheTempDir()
{
    const QString path = input(QStringLiteral("shared.tar"));
    writeArchive(path, { TestEntry { "data/a.csv", "1,2\n" } });
    QString root;
    {
        std::optional<BundleSource> copy;
        {
            const Result<BundleSource> bundle = BundleSource::open(path);
            QVERIFY(bundle.ok());
            root = bundle->root();
            copy = *bundle;
        }
        QVERIFY(QFileInfo::exists(root));
        QCOMPARE(*copy->readFile(QStringLiteral("data/a.csv")), QByteArray("1,2\n"));
    }
    QVERIFY(!QFileInfo::exists(root));
    const BundleSource empty;
    QVERIFY(empty.files().isEmpty());
    QVERIFY(!empty.readFile(QStringLiteral("x")).ok());
}

void TstArchive::readFileLimits()
{
    const QString path = input(QStringLiteral("limits.zip"));
    writeArchive(path, { TestEntry { "data/big.bin", QByteArray(5000, 'x') } });
    const Result<BundleSource> bundle = BundleSource::open(path);
    QVERIFY(bundle.ok());
    const Result<QByteArray> tooBig = bundle->readFile(QStringLiteral("data/big.bin"), 4999);
    QVERIFY(!tooBig.ok());
    QCOMPARE(tooBig.error().file, path);
    QCOMPARE(tooBig.error().field, QStringLiteral("data/big.bin"));
    QVERIFY(tooBig.error().reason.contains(QLatin1String("5000 bytes")));
    QCOMPARE(bundle->readFile(QStringLiteral("data/big.bin"), 5000)->size(), 5000);
    QVERIFY(!bundle->readFile(QStringLiteral("../limits.zip")).ok());
    QVERIFY(!bundle->sha256(QStringLiteral("data/missing")).ok());
    QVERIFY(bundle->absolutePath(QStringLiteral("../x")).isEmpty());
    QVERIFY(!bundle->contains(QStringLiteral("data")));
}

void TstArchive::configuredLimits()
{
    const QString tar = input(QStringLiteral("totals.tar"));
    writeArchive(tar,
        { TestEntry { "data/a", QByteArray(100, 'a') }, TestEntry { "data/b", QByteArray(100, 'b') },
            TestEntry { "data/c", QByteArray(100, 'c') } });
    ArchiveLimits limits;
    QVERIFY(BundleSource::open(tar, limits).ok());
    limits.maxTotalBytes = 250;
    expectRefused(tar, QStringLiteral("uncompressed size exceeds the 250-byte limit"), limits);
    limits = {};
    limits.maxEntryBytes = 99;
    expectRefused(tar, QStringLiteral("entry 'data/a' is larger than the 99-byte limit"), limits);
    limits = {};
    limits.maxEntries = 2;
    expectRefused(tar, QStringLiteral("archive has more than 2 entries"), limits);

    const QString dir = input(QStringLiteral("totals-dir"));
    for (const char* name : { "a", "b", "c" })
        QVERIFY(writeFile(dir + QStringLiteral("/data/") + QLatin1String(name), QByteArray(100, 'x')));
    limits = {};
    limits.maxEntries = 3; // data/ itself counts
    expectRefused(dir, QStringLiteral("bundle has more than 3 entries"), limits);
    limits = {};
    limits.maxTotalBytes = 250;
    expectRefused(dir, QStringLiteral("bundle is larger than the 250-byte limit"), limits);
    limits = {};
    limits.maxEntryBytes = 99;
    expectRefused(dir, QStringLiteral("is 100 bytes, more than the 99-byte limit"), limits);
}

void TstArchive::expectRefused(const QString& path, const QString& reason, const ArchiveLimits& limits)
{
    const QMap<QString, qint64> before = snapshot(m_sandbox.path());
    QElapsedTimer timer;
    timer.start();
    const Result<BundleSource> bundle = BundleSource::open(path, limits);
    qInfo("%s refused in %lld ms", qPrintable(QFileInfo(path).fileName()), timer.elapsed());
    QVERIFY2(!bundle.ok(), "hostile bundle was accepted");
    QCOMPARE(bundle.error().file, path);
    QVERIFY2(bundle.error().reason.contains(reason), qPrintable(bundle.error().toString()));
    QCOMPARE(snapshot(m_sandbox.path()), before);
    QVERIFY(QDir(m_tmp).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot));
    for (const char* target : { "/x", "/tmp/x", "/in/x", "/abs-target" })
        QVERIFY(!QFileInfo::exists(m_sandbox.path() + QLatin1String(target)));
}

void TstArchive::hostileEntries_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QList<TestEntry>>("entries");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("field");
    const TestEntry good { "data/a.csv", "1,2\n" };
    const QByteArray absolute = QFile::encodeName(m_sandbox.path()) + "/abs-target";
    const QByteArray longName = "data/" + QByteArray(210, 'a') + '/' + QByteArray(210, 'b') + '/' + QByteArray(210, 'c')
        + '/' + QByteArray(210, 'd') + '/' + QByteArray(210, 'e') + ".csv"; // 1064 bytes
    const auto row = [](const char* tag, const char* file, QList<TestEntry> entries, const QString& reason,
                         const QString& field = QString()) {
        QTest::newRow(tag) << QString::fromLatin1(file) << entries << reason << field;
    };
    for (const char* file : { "traversal.tar", "traversal.zip" }) {
        row(file, file, { good, TestEntry { "../x", "pwned" } }, QStringLiteral("entry '../x' escapes the bundle root"),
            QStringLiteral("../x"));
    }
    row("nested traversal", "nested.tgz", { TestEntry { "data/../../x", "pwned" } },
        QStringLiteral("entry 'data/../../x' escapes the bundle root"));
    row("deep traversal", "deep.tar", { TestEntry { "../../x", "pwned" } }, QStringLiteral("escapes the bundle root"));
    row("traversal directory", "dirdot.tar", { TestEntry { "data/../../", {}, AE_IFDIR } },
        QStringLiteral("escapes the bundle root"));
    row("absolute", "absolute.tar", { good, TestEntry { absolute, "pwned" } }, QStringLiteral("is an absolute path"));
    row("absolute zip", "absolute.zip", { TestEntry { absolute, "pwned" } }, QStringLiteral("is an absolute path"));
    row("drive letter", "drive.zip", { TestEntry { "C:/x", "pwned" } }, QStringLiteral("is an absolute path"));
    row("symlink", "symlink.tar", { good, TestEntry { "data/passwd", {}, AE_IFLNK, "/etc/passwd" } },
        QStringLiteral("entry 'data/passwd' is a symbolic link"), QStringLiteral("data/passwd"));
    row("symlink zip", "symlink.zip", { TestEntry { "data/up", {}, AE_IFLNK, "../.." } },
        QStringLiteral("entry 'data/up' is a symbolic link"));
    row("hardlink", "hardlink.tar", { good, TestEntry { "data/b.csv", {}, AE_IFREG, "/etc/passwd", true } },
        QStringLiteral("entry 'data/b.csv' is a hard link"));
    row("char device", "chardev.tar", { TestEntry { "data/null", {}, AE_IFCHR } },
        QStringLiteral("entry 'data/null' is a character device"));
    row("fifo", "fifo.tar", { TestEntry { "data/pipe", {}, AE_IFIFO } }, QStringLiteral("is a FIFO"));
    row("duplicate", "duplicate.tar", { good, TestEntry { "data/a.csv", "evil" } },
        QStringLiteral("duplicate entry 'data/a.csv'"));
    row("duplicate zip", "duplicate.zip", { good, TestEntry { "data/a.csv", "evil" } },
        QStringLiteral("duplicate entry 'data/a.csv'"));
    row("duplicate after ./", "dup-dot.tar", { good, TestEntry { "./data/a.csv", "evil" } },
        QStringLiteral("duplicate entry 'data/a.csv'"));
    row("case duplicate", "case.tar", { good, TestEntry { "data/A.CSV", "evil" } },
        QStringLiteral("only in letter case"));
    row("case duplicate directory", "casedir.zip", { good, TestEntry { "Data/b.csv", "evil" } },
        QStringLiteral("only in letter case"));
    row("file then directory", "filedir.tar", { TestEntry { "data", "x" }, good },
        QStringLiteral("would put a file inside file 'data'"));
    row("directory then file", "dirfile.tar", { good, TestEntry { "data", "x" } },
        QStringLiteral("is both a file and a directory"));
    row("backslash", "backslash.tar", { TestEntry { "data\\..\\..\\x", "pwned" } },
        QStringLiteral("contains a backslash"));
    // libarchive's zip reader turns '\\' into '/', so in a zip the same name is a plain traversal.
    row("backslash zip", "backslash.zip", { TestEntry { "data\\..\\..\\x", "pwned" } },
        QStringLiteral("entry 'data/../../x' escapes the bundle root"));
    row("empty component", "empty.tar", { TestEntry { "data//x", "1" } },
        QStringLiteral("empty or '.' path component"));
    row("dot component", "dot.tar", { TestEntry { "data/./x", "1" } }, QStringLiteral("empty or '.' path component"));
    row("non-UTF-8", "latin1.tar", { TestEntry { "data/caf\xe9.csv", "1" } }, QStringLiteral("is not valid UTF-8"));
    row("control character", "newline.tar", { TestEntry { "data/a\nb", "1" } },
        QStringLiteral("contains control characters"));
    row("long name", "long.tar", { TestEntry { longName, "1" } }, QStringLiteral("longer than 1024 bytes"));
}

void TstArchive::hostileEntries()
{
    QFETCH(QString, name);
    QFETCH(QList<TestEntry>, entries);
    QFETCH(QString, reason);
    QFETCH(QString, field);
    const QString path = input(name);
    writeArchive(path, entries);
    expectRefused(path, reason);
    if (!field.isEmpty()) {
        const Result<BundleSource> bundle = BundleSource::open(path);
        QCOMPARE(bundle.error().field, field);
    }
}

void TstArchive::hostileFiles_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<ArchiveMaker>("make");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<qint64>("maxEntryBytes");

    const QString bomb = QStringLiteral("refusing a possible zip bomb");
    QTest::newRow("zip bomb 2 GiB") << QStringLiteral("bomb.zip") << ArchiveMaker([](const QString& path) {
        writeArchive(path,
            { TestEntry { "data/ok.csv", "1\n" }, TestEntry { "data/zeros.bin", {}, AE_IFREG, {}, false, 2LL << 30 } });
    }) << QStringLiteral("uncompressed size exceeds 250x the archive size: refusing a possible zip bomb")
                                    << qint64(8LL << 30);
    QTest::newRow("tgz bomb") << QStringLiteral("bomb.tgz") << ArchiveMaker([](const QString& path) {
        writeArchive(path, { TestEntry { "data/zeros.bin", {}, AE_IFREG, {}, false, 128LL << 20 } });
    }) << bomb << qint64(8LL << 30);
    // A zip whose headers understate the size: only the byte count taken while streaming can catch it.
    const auto lyingZip = [](const QString& path) {
        writeArchive(path, { TestEntry { "data/zeros.bin", {}, AE_IFREG, {}, false, 64LL << 20 } });
        QByteArray zip = test::readAll(path);
        patchZipSizes(zip, "PK\x03\x04", 22, 1000);
        patchZipSizes(zip, "PK\x01\x02", 24, 1000);
        QVERIFY(writeFile(path, zip));
    };
    QTest::newRow("zip bomb, understated size")
        << QStringLiteral("lying.zip") << ArchiveMaker(lyingZip) << bomb << qint64(8LL << 30);
    QTest::newRow("understated size, entry limit")
        << QStringLiteral("lying-entry.zip") << ArchiveMaker(lyingZip)
        << QStringLiteral("entry 'data/zeros.bin' is larger than the 1048576-byte limit") << qint64(1 << 20);
    QTest::newRow("100000 entries") << QStringLiteral("many.zip") << ArchiveMaker([](const QString& path) {
        ArchiveWriter writer(path);
        archive_write_zip_set_compression_store(writer.a.get()); // a deflate stream per entry would be 30 GB of memset
        for (int i = 0; i < 100000; ++i)
            writer.add(TestEntry { "data/" + QByteArray::number(i), "x" });
        writer.close();
    }) << QStringLiteral("archive has more than 10000 entries")
                                    << qint64(8LL << 30);
    QTest::newRow("encrypted zip") << QStringLiteral("encrypted.zip") << ArchiveMaker([](const QString& path) {
        ArchiveWriter writer(path, "zip:encryption=zipcrypt");
        writer.add(TestEntry { "data/a.csv", "1,2\n" });
        writer.close();
    }) << QStringLiteral("entry 'data/a.csv' is encrypted")
                                   << qint64(8LL << 30);
    QTest::newRow("sparse") << QStringLiteral("sparse.tar") << ArchiveMaker([](const QString& path) {
        ArchiveWriter writer(path);
        std::unique_ptr<archive_entry, decltype(&archive_entry_free)> entry(archive_entry_new(), &archive_entry_free);
        archive_entry_set_pathname(entry.get(), "data/sparse.bin");
        archive_entry_set_filetype(entry.get(), AE_IFREG);
        archive_entry_set_perm(entry.get(), 0644);
        archive_entry_set_size(entry.get(), 1 << 20);
        archive_entry_sparse_add_entry(entry.get(), 0, 512);
        archive_entry_sparse_add_entry(entry.get(), (1 << 20) - 512, 512);
        QVERIFY(archive_write_header(writer.a.get(), entry.get()) == ARCHIVE_OK);
        const QByteArray data(1024, 'x');
        archive_write_data(writer.a.get(), data.constData(), static_cast<size_t>(data.size()));
        writer.close();
    }) << QStringLiteral("entry 'data/sparse.bin' is a sparse file")
                            << qint64(8LL << 30);
    QTest::newRow("truncated gzip") << QStringLiteral("truncated.tar.gz") << ArchiveMaker([](const QString& path) {
        writeArchive(
            path, { TestEntry { "data/a.csv", "1,2\n" }, TestEntry { "data/random.bin", randomBytes(256 * 1024) } });
        const QByteArray whole = test::readAll(path);
        QVERIFY(writeFile(path, whole.left(whole.size() / 2)));
    }) << QStringLiteral("archive is truncated or corrupt: ")
                                    << qint64(8LL << 30);
    QTest::newRow("truncated zip") << QStringLiteral("truncated.zip") << ArchiveMaker([](const QString& path) {
        writeArchive(path, { TestEntry { "data/random.bin", randomBytes(64 * 1024) } });
        const QByteArray whole = test::readAll(path);
        QVERIFY(writeFile(path, whole.left(whole.size() / 2)));
    }) << QStringLiteral("archive is truncated or corrupt: ")
                                   << qint64(8LL << 30);
    QTest::newRow("garbage .zip") << QStringLiteral(
        "garbage.zip") << ArchiveMaker([](const QString& path) { QVERIFY(writeFile(path, randomBytes(4096))); })
                                  << QStringLiteral("archive is truncated or corrupt: ") << qint64(8LL << 30);
    QTest::newRow("gzip named .tar") << QStringLiteral("disguised.tar") << ArchiveMaker([](const QString& path) {
        writeArchive(path + QStringLiteral(".gz"), { TestEntry { "data/a.csv", "1" } });
        QVERIFY(QFile::rename(path + QStringLiteral(".gz"), path));
    }) << QStringLiteral("archive is truncated or corrupt: ")
                                     << qint64(8LL << 30);
    QTest::newRow("unknown extension") << QStringLiteral("bundle.rar")
                                       << ArchiveMaker([](const QString& path) { QVERIFY(writeFile(path, "Rar!")); })
                                       << QStringLiteral("not a bundle") << qint64(8LL << 30);
    QTest::newRow("missing") << QStringLiteral("missing.zip") << ArchiveMaker([](const QString&) {})
                             << QStringLiteral("cannot open bundle") << qint64(8LL << 30);
}

void TstArchive::hostileFiles()
{
    QFETCH(QString, name);
    QFETCH(ArchiveMaker, make);
    QFETCH(QString, reason);
    QFETCH(qint64, maxEntryBytes);
    const QString path = input(name);
    make(path);
    if (QTest::currentTestFailed())
        return;
    ArchiveLimits limits;
    limits.maxEntryBytes = maxEntryBytes;
    if (maxEntryBytes < (1LL << 30))
        limits.maxCompressionRatio = 1e9; // let the entry limit be the one that trips
    expectRefused(path, reason, limits);
    QFile::remove(path); // the large inputs are not needed again
}

void TstArchive::hostileDirectory_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<DirectoryPlanter>("plant");
    QTest::addColumn<QString>("reason");
    QTest::newRow("symlink to file") << QStringLiteral("dir-symlink") << DirectoryPlanter([](const QString& dir) {
        return QFile::link(QStringLiteral("/etc/passwd"), dir + QStringLiteral("/data/passwd"));
    }) << QStringLiteral("entry 'data/passwd' is a symbolic link");
    QTest::newRow("symlink to directory") << QStringLiteral("dir-symdir") << DirectoryPlanter([](const QString& dir) {
        return QFile::link(QStringLiteral("/etc"), dir + QStringLiteral("/data/etc"));
    }) << QStringLiteral("entry 'data/etc' is a symbolic link");
    QTest::newRow("fifo") << QStringLiteral("dir-fifo") << DirectoryPlanter([](const QString& dir) {
        return ::mkfifo(QFile::encodeName(dir + QStringLiteral("/data/pipe")).constData(), 0600) == 0;
    }) << QStringLiteral("entry 'data/pipe' is a FIFO");
    QTest::newRow("case duplicate") << QStringLiteral("dir-case") << DirectoryPlanter([](const QString& dir) {
        return writeFile(dir + QStringLiteral("/data/A.csv"), "evil");
    }) << QStringLiteral("only in letter case");
    QTest::newRow("backslash name") << QStringLiteral("dir-backslash") << DirectoryPlanter([](const QString& dir) {
        return writeFile(dir + QStringLiteral("/data/a\\b"), "evil");
    }) << QStringLiteral("contains a backslash");
}

void TstArchive::hostileDirectory()
{
    QFETCH(QString, name);
    QFETCH(DirectoryPlanter, plant);
    QFETCH(QString, reason);
    const QString dir = input(name);
    QVERIFY(writeFile(dir + QStringLiteral("/data/a.csv"), "1,2\n"));
    QVERIFY(plant(dir));
    expectRefused(dir, reason);
}

QTEST_GUILESS_MAIN(TstArchive)
#include "tst_archive.moc"
