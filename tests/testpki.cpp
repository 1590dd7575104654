// SPDX-License-Identifier: GPL-3.0-or-later
#include "testpki.h"

#include "crypto/certificatebuilder.h"
#include "util/timeutil.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

namespace capaudit::test {

QDateTime utc(const char* rfc3339)
{
    return *parseTimestamp(QString::fromLatin1(rfc3339));
}

static crypto::PrivateKey newKey(crypto::KeyType type)
{
    auto key = crypto::PrivateKey::generate(type);
    if (!key)
        qFatal("key generation failed: %s", qPrintable(key.error().toString()));
    return *key;
}

static crypto::Certificate issue(const crypto::CertificateRequest& request, const crypto::PublicKey& subject,
    const crypto::PrivateKey& issuerKey, const crypto::Certificate& issuer)
{
    auto cert = crypto::issueCertificate(request, subject, issuerKey, issuer);
    if (!cert)
        qFatal("certificate issuance failed: %s", qPrintable(cert.error().toString()));
    return *cert;
}

TestPki TestPki::create(const QString& name, crypto::KeyType type)
{
    TestPki pki;
    pki.name = name;
    pki.rootKey = newKey(type);
    pki.intermediateKey = newKey(type);
    pki.signerKey = newKey(type);
    crypto::CertificateRequest ca;
    ca.commonName = name + QStringLiteral(" Root CA");
    ca.organization = name;
    ca.isCa = true;
    ca.keyCertSign = true;
    ca.digitalSignature = false;
    ca.notBefore = utc("2025-01-01T00:00:00Z");
    ca.notAfter = utc("2045-01-01T00:00:00Z");
    pki.root = issue(ca, pki.rootKey.publicKey(), pki.rootKey, {});
    ca.commonName = name + QStringLiteral(" Issuing CA");
    ca.pathLength = 0;
    pki.intermediate = issue(ca, pki.intermediateKey.publicKey(), pki.rootKey, pki.root);
    crypto::CertificateRequest leaf;
    leaf.commonName = name + QStringLiteral(" Evidence Signer");
    leaf.organization = name;
    leaf.notBefore = utc("2025-06-01T00:00:00Z");
    leaf.notAfter = utc("2035-01-01T00:00:00Z");
    pki.signer = issue(leaf, pki.signerKey.publicKey(), pki.intermediateKey, pki.intermediate);
    return pki;
}

std::pair<crypto::PrivateKey, crypto::Certificate> TestPki::issueSigner(
    const QString& commonName, const QDateTime& notBefore, const QDateTime& notAfter) const
{
    crypto::PrivateKey key = newKey(signerKey.type());
    crypto::CertificateRequest leaf;
    leaf.commonName = commonName;
    leaf.notBefore = notBefore;
    leaf.notAfter = notAfter;
    return { key, issue(leaf, key.publicKey(), intermediateKey, intermediate) };
}

void TestPki::writeTrustStore(
    const QString& directory, bool pinSignerKey, const std::optional<QStringList>& providers, const QString& role) const
{
    QDir().mkpath(directory);
    QFile rootFile(directory + QStringLiteral("/root.pem"));
    QVERIFY2(rootFile.open(QIODevice::WriteOnly), qPrintable(directory));
    rootFile.write(root.toPem());
    const QJsonArray scope = QJsonArray::fromStringList(providers.value_or(QStringList { name }));
    QJsonObject anchors { { QStringLiteral("root.pem"),
        QJsonObject { { QStringLiteral("label"), name + QStringLiteral(" root") }, { QStringLiteral("role"), role },
            { QStringLiteral("providers"), scope } } } };
    if (pinSignerKey) {
        QFile keyFile(directory + QStringLiteral("/signer.pub"));
        QVERIFY(keyFile.open(QIODevice::WriteOnly));
        keyFile.write(signerKey.publicKey().toPem());
        anchors.insert(QStringLiteral("signer.pub"),
            QJsonObject { { QStringLiteral("label"), name + QStringLiteral(" signer key") },
                { QStringLiteral("role"), role }, { QStringLiteral("providers"), scope } });
    }
    QFile side(directory + QStringLiteral("/anchors.json"));
    QVERIFY(side.open(QIODevice::WriteOnly));
    side.write(QJsonDocument(QJsonObject { { QStringLiteral("anchors"), anchors } }).toJson());
}

} // namespace capaudit::test
