// SPDX-License-Identifier: GPL-3.0-or-later
// Verification throughput on a bundle with a large payload, side by side with `openssl dgst -sha256` on the same
// files in the same run. Usage: bench_verify [GiB=1] [files=8]
#include "crypto/certificatebuilder.h"
#include "evidence/bundlewriter.h"
#include "evidence/verifier.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace capaudit;

namespace {

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const double gib = argc > 1 ? QString::fromLocal8Bit(argv[1]).toDouble() : 1.0;
    const int fileCount = argc > 2 ? QString::fromLocal8Bit(argv[2]).toInt() : 8;
    const qint64 perFile = static_cast<qint64>(gib * (1LL << 30)) / fileCount;

    QTemporaryDir dir;
    auto key = crypto::PrivateKey::generate(crypto::KeyType::EcP256);
    crypto::CertificateRequest req;
    req.commonName = QStringLiteral("Bench Root");
    req.isCa = true;
    req.keyCertSign = true;
    auto root = crypto::issueCertificate(req, key->publicKey(), *key);
    QDir().mkpath(dir.filePath(QStringLiteral("trust")));
    QFile rootFile(dir.filePath(QStringLiteral("trust/root.pem")));
    rootFile.open(QIODevice::WriteOnly);
    rootFile.write(root->toPem());
    rootFile.close();

    // Payload: pseudo-random bytes (incompressible, like real telemetry archives), written through the bundle writer.
    BundleSpec spec;
    spec.kind = BundleKind::Telemetry;
    spec.key = *key;
    spec.chain = { *root };
    QRandomGenerator rng(42);
    for (int i = 0; i < fileCount; ++i) {
        QByteArray content(perFile, Qt::Uninitialized);
        rng.fillRange(reinterpret_cast<quint32*>(content.data()), content.size() / 4);
        spec.files.append({ QStringLiteral("part-%1.bin").arg(i), content });
    }
    const QString bundle = dir.filePath(QStringLiteral("bundle"));
    if (Status s = writeBundle(spec, bundle); !s) {
        std::fprintf(stderr, "%s\n", qPrintable(s.error().toString()));
        return 1;
    }
    spec.files.clear();

    auto store = TrustStore::loadDirectory(dir.filePath(QStringLiteral("trust")));
    BundleVerifier verifier(*store);
    const double bytes = static_cast<double>(perFile) * fileCount;
    QStringList dataFiles;
    for (int i = 0; i < fileCount; ++i)
        dataFiles.append(bundle + QStringLiteral("/data/part-%1.bin").arg(i));

    QList<double> ours, openssl;
    verifier.verify(bundle); // warm the page cache for both contenders
    for (int run = 0; run < 5; ++run) {
        QElapsedTimer t;
        t.start();
        const Verdict v = verifier.verify(bundle);
        ours.append(t.nsecsElapsed() / 1e9);
        if (v.verdict != VerdictKind::Verified) {
            std::fprintf(stderr, "unexpected verdict: %s\n", qPrintable(v.summary()));
            return 1;
        }
        t.restart();
        QProcess p;
        p.start(
            QStringLiteral("openssl"), QStringList { QStringLiteral("dgst"), QStringLiteral("-sha256") } + dataFiles);
        p.waitForFinished(-1);
        openssl.append(t.nsecsElapsed() / 1e9);
    }
    const double oursRate = bytes / median(ours) / (1 << 20);
    const double opensslRate = bytes / median(openssl) / (1 << 20);
    std::printf("payload: %.2f GiB in %d files\n", bytes / (1 << 30), fileCount);
    std::printf("capaudit verify      median %.3f s  %.0f MiB/s\n", median(ours), oursRate);
    std::printf("openssl dgst -sha256 median %.3f s  %.0f MiB/s\n", median(openssl), opensslRate);
    std::printf("ratio: %.0f%% of openssl dgst throughput\n", 100.0 * oursRate / opensslRate);
    return 0;
}
