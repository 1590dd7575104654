// SPDX-License-Identifier: GPL-3.0-or-later
// Case import throughput (issue 3): a signed telemetry bundle holding one native usage CSV of ROWS rows, imported with
// CaseImporter into a fresh case, side by side in the same run with the sqlite3 shell's `.import --csv` of the same
// CSV file into a plain table of a fresh database (shell defaults: rollback journal, synchronous=FULL).
// Usage: bench_import [rows=10000000] [rounds=3] [workdir=a temporary directory] [nodes=32]
// (Rows are steps x nodes x (1 + 4 tenants) at one-minute steps: more nodes make the same rows span less time.)
#include "benchutil.h"
#include "crypto/certificatebuilder.h"
#include "evidence/bundlewriter.h"
#include "store/caseimporter.h"
#include "store/casestore.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QProcess>
#include <QTemporaryDir>

#include <cmath>
#include <cstdio>

using namespace capaudit;
using namespace capaudit::bench;

namespace {

constexpr qint64 kStart = 1767225600; // 2026-01-01T00:00:00Z
constexpr qint64 kStep = 60;

struct NodeSpec {
    QByteArray id, resourceClass;
    double capacity;
    double granularity; // allocations come in whole cores / devices / GiB blocks
};

// A mixed cluster: CPU, GPU and memory nodes, each shared by four tenants whose allocations follow a diurnal and
// weekly cycle with noise; usage is a varying fraction of allocation. One node row (capacity, state) and one row per
// tenant per step and node, as real meters write it.
QByteArray generateCsv(qint64 rows, int nodeCount, qint64* steps)
{
    QList<NodeSpec> nodes;
    for (int i = 0; i < nodeCount; ++i) {
        const int kind = i % 4;
        const QByteArray n = QByteArray::number(i + 1).rightJustified(3, '0');
        if (kind == 0)
            nodes.append({ "gpu-node-" + n, "gpu", 8, 1 });
        else if (kind == 3)
            nodes.append({ "mem-node-" + n, "memory", 1536, 16 });
        else
            nodes.append({ "cpu-node-" + n, "cpu", 128, 2 });
    }
    const QList<QByteArray> tenants { "ml-research", "genomics-lab", "payments-batch", "climate-sim" };
    const double shares[] = { 0.34, 0.22, 0.18, 0.14 };
    quint64 rng = 0x9e3779b97f4a7c15ULL;
    auto noise = [&rng] { // xorshift64*, uniform in [0, 1)
        rng ^= rng >> 12;
        rng ^= rng << 25;
        rng ^= rng >> 27;
        return double((rng * 0x2545f4914f6cdd1dULL) >> 11) / double(1ULL << 53);
    };

    QByteArray out("time,node,resource_class,tenant,allocated,used,capacity,state\n");
    out.reserve(rows * 58);
    qint64 written = 0;
    qint64 step = 0;
    for (; written < rows; ++step) {
        const qint64 t = kStart + step * kStep;
        const QByteArray time = QDateTime::fromSecsSinceEpoch(t, Qt::UTC).toString(Qt::ISODate).toLatin1();
        const double hour = double(t % 86400) / 3600.0;
        const bool weekend = ((t / 86400) + 4) % 7 >= 5; // 1970-01-01 was a Thursday
        const double demand = (weekend ? 0.55 : 0.75) + 0.2 * std::sin((hour - 8) / 24.0 * 2 * M_PI);
        for (int n = 0; n < nodes.size() && written < rows; ++n) {
            const NodeSpec& node = nodes[n];
            const QByteArray prefix = time + ',' + node.id + ',' + node.resourceClass + ',';
            const bool maintenance = (step / 1440 + n) % 97 == 0 && hour < 2;
            out += prefix + ",,," + QByteArray::number(node.capacity) + (maintenance ? ",maintenance\n" : ",up\n");
            ++written;
            for (int k = 0; k < tenants.size() && written < rows; ++k) {
                const double want = node.capacity * shares[k] * demand * (0.9 + 0.2 * noise());
                const double allocated = maintenance ? 0 : std::floor(want / node.granularity) * node.granularity;
                const double used = allocated * (0.35 + 0.6 * noise());
                out += prefix + tenants[k] + ',' + QByteArray::number(allocated) + ','
                    + QByteArray::number(used, 'f', 2) + ",,\n";
                ++written;
            }
        }
    }
    *steps = step;
    return out;
}

QString iso(qint64 seconds)
{
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC).toString(Qt::ISODate);
}

struct Measure {
    double wall = 0, cpu = 0;
    qint64 peakKb = 0;
    qint64 rows = 0;
};

double medianWall(const QList<Measure>& runs)
{
    QList<double> wall;
    for (const Measure& m : runs)
        wall << m.wall;
    return median(wall);
}

void print(const char* name, const QList<Measure>& runs)
{
    QList<double> wall, cpu, rss;
    for (const Measure& m : runs) {
        wall << m.wall;
        cpu << m.cpu;
        rss << double(m.peakKb);
    }
    const double w = median(wall);
    std::printf("%-16s median %7.2f s wall  %7.2f s CPU  %6.2f M samples/s  peak RSS %.0f MB (max %.0f MB)  runs:",
        name, w, median(cpu), double(runs.value(0).rows) / w / 1e6, median(rss) / 1024, worst(rss) / 1024);
    for (const Measure& m : runs)
        std::printf(" %.2f/%.2f", m.wall, m.cpu);
    std::printf("  (wall/CPU s)\n");
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const qint64 rowCount = argc > 1 ? QString::fromLocal8Bit(argv[1]).toLongLong() : 10'000'000;
    const int rounds = argc > 2 ? QString::fromLocal8Bit(argv[2]).toInt() : 3;
    QTemporaryDir tmp;
    const QString work = argc > 3 ? QString::fromLocal8Bit(argv[3]) : tmp.path();
    const int nodeCount = argc > 4 ? QString::fromLocal8Bit(argv[4]).toInt() : 32;
    QDir().mkpath(work);

    // The signer: a P-256 meter key certified by a root the case trusts (as tests/tst_casestore.cpp does).
    auto rootKey = crypto::PrivateKey::generate(crypto::KeyType::EcP256);
    auto signerKey = crypto::PrivateKey::generate(crypto::KeyType::EcP256);
    crypto::CertificateRequest rootReq;
    rootReq.commonName = QStringLiteral("Bench Root CA");
    rootReq.isCa = true;
    rootReq.keyCertSign = true;
    rootReq.notBefore = QDateTime::fromSecsSinceEpoch(kStart - 86400 * 365, Qt::UTC);
    rootReq.notAfter = QDateTime::fromSecsSinceEpoch(kStart + 86400 * 3650, Qt::UTC);
    auto root = crypto::issueCertificate(rootReq, rootKey->publicKey(), *rootKey);
    crypto::CertificateRequest signerReq;
    signerReq.commonName = QStringLiteral("Bench Meter");
    signerReq.notBefore = rootReq.notBefore;
    signerReq.notAfter = rootReq.notAfter;
    auto signer = crypto::issueCertificate(signerReq, signerKey->publicKey(), *rootKey, *root);
    auto anchor = TrustStore::anchorFromBytes(
        QStringLiteral("bench-root.pem"), root->toPem(), QStringLiteral("Bench root"), QLatin1String(roles::kProvider));
    if (!root || !signer || !anchor) {
        std::fprintf(stderr, "could not make the PKI\n");
        return 1;
    }
    anchor->providers = { QStringLiteral("bench-provider") }; // the root speaks for the bench provider only

    QElapsedTimer gen;
    gen.start();
    qint64 steps = 0;
    BundleSpec spec;
    spec.kind = BundleKind::Telemetry;
    spec.files = { { QStringLiteral("usage.csv"), generateCsv(rowCount, nodeCount, &steps) } };
    const qint64 csvBytes = spec.files[0].content.size();
    spec.predicate = { { QStringLiteral("provider"), QStringLiteral("bench-provider") },
        { QStringLiteral("meter"), QStringLiteral("provider") },
        { QStringLiteral("period"),
            QJsonObject {
                { QStringLiteral("start"), iso(kStart) }, { QStringLiteral("end"), iso(kStart + steps * kStep) } } },
        { QStringLiteral("resolutionSeconds"), kStep },
        { QStringLiteral("payloads"),
            QJsonArray { QJsonObject { { QStringLiteral("path"), QStringLiteral("data/usage.csv") },
                { QStringLiteral("format"), QStringLiteral("capaudit-usage-csv/v1") } } } } };
    spec.key = *signerKey;
    spec.chain = { *signer };
    spec.signedAt = QDateTime::fromSecsSinceEpoch(kStart + steps * kStep + 3600, Qt::UTC);
    const QString bundle = work + QStringLiteral("/bundle");
    QDir(bundle).removeRecursively();
    if (Status s = writeBundle(spec, bundle); !s) {
        std::fprintf(stderr, "%s\n", qPrintable(s.error().toString()));
        return 1;
    }
    spec.files.clear(); // give the generator's memory back before anything is measured
    const QString csv = bundle + QStringLiteral("/data/usage.csv");
    std::printf("input: %lld rows (%lld steps x %d nodes x (1 + 4 tenants)), %.0f MB CSV, generated and signed in "
                "%.1f s\n",
        rowCount, steps, nodeCount, double(csvBytes) / 1e6, gen.nsecsElapsed() / 1e9);

    { // page cache warm for both contenders
        QFile f(csv);
        f.open(QIODevice::ReadOnly);
        while (!f.read(1 << 20).isEmpty()) { }
    }

    QList<Measure> ours, shell;
    const QString casePath = work + QStringLiteral("/bench.capcase");
    const QString dbPath = work + QStringLiteral("/plain.db");
    auto removeDb = [](const QString& path) {
        for (const char* suffix : { "", "-wal", "-shm", "-journal" })
            QFile::remove(path + QLatin1String(suffix));
    };
    for (int round = 0; round < rounds; ++round) {
        for (int turn = 0; turn < 2; ++turn) {
            // Alternate who goes first, so neither always finds the other's dirty pages still being written back.
            if ((turn == 0) == (round % 2 == 0)) {
                removeDb(casePath);
                auto store = CaseStore::create(casePath, QStringLiteral("bench"), { *anchor });
                if (!store) {
                    std::fprintf(stderr, "%s\n", qPrintable(store.error().toString()));
                    return 1;
                }
                resetPeakRss();
                const qint64 baseKb = procStatusKb("VmRSS");
                const double cpu0 = cpuSeconds();
                QElapsedTimer t;
                t.start();
                CaseImporter importer(**store);
                const ImportResult r = importer.importBundle(bundle);
                store->reset(); // closing checkpoints the WAL into the case file: part of the cost
                Measure m { t.nsecsElapsed() / 1e9, cpuSeconds() - cpu0, procStatusKb("VmHWM"), r.rows };
                if (r.outcome != ImportOutcome::Imported) {
                    std::fprintf(stderr, "import failed: %s\n", qPrintable(r.error.toString()));
                    return 1;
                }
                ours << m;
                std::printf(
                    "round %d capaudit: %.2f s wall, %.2f s CPU, %lld rows, peak RSS %lld MB (%lld MB before the "
                    "import), case %.0f MB\n",
                    round + 1, m.wall, m.cpu, m.rows, m.peakKb / 1024, baseKb / 1024,
                    double(QFileInfo(casePath).size()) / 1e6);
            } else {
                removeDb(dbPath);
                // /usr/bin/time measures the shell alone (a child forked from this large process would inherit
                // its resident size in ru_maxrss).
                QProcess p;
                p.setProcessChannelMode(QProcess::ForwardedOutputChannel);
                const double cpu0 = cpuSeconds(RUSAGE_CHILDREN);
                QElapsedTimer t;
                t.start();
                p.start(QStringLiteral("/usr/bin/time"),
                    { QStringLiteral("-f"), QStringLiteral("%M"), QStringLiteral("sqlite3"), dbPath });
                p.write("CREATE TABLE usage(time TEXT, node TEXT, resource_class TEXT, tenant TEXT, allocated REAL, "
                        "used REAL, capacity REAL, state TEXT);\n.import --csv --skip 1 "
                    + csv.toUtf8() + " usage\n");
                p.closeWriteChannel();
                p.waitForFinished(-1);
                Measure m { t.nsecsElapsed() / 1e9, cpuSeconds(RUSAGE_CHILDREN) - cpu0, 0, rowCount };
                const QByteArray err = p.readAllStandardError().trimmed();
                m.peakKb = err.split('\n').constLast().toLongLong();
                if (p.exitCode() != 0 || m.peakKb == 0) {
                    std::fprintf(stderr, "sqlite3 failed: %s\n", err.constData());
                    return 1;
                }
                shell << m;
                std::printf("round %d sqlite3:  %.2f s wall, %.2f s CPU, peak RSS %lld MB, database %.0f MB\n",
                    round + 1, m.wall, m.cpu, m.peakKb / 1024, double(QFileInfo(dbPath).size()) / 1e6);
            }
            std::fflush(stdout);
        }
    }
    removeDb(casePath);
    removeDb(dbPath);
    std::printf("\n");
    print("capaudit import", ours);
    print("sqlite3 .import", shell);
    std::printf(
        "ratio: CapAudit takes %.0f%% of the sqlite3 shell's wall time\n", 100 * medianWall(ours) / medianWall(shell));
    return 0;
}
