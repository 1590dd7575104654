// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "evidence/anchorfile.h"
#include "evidence/truststore.h"
#include "util/result.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace capaudit {

// Says what the file the auditor picked is (root, intermediate or leaf certificate, public key, CRL) and asks for the
// label, role, scope (the providers it may speak for), keyless identity (root certificates) and (for log keys)
// origin. A leaf certificate is refused unless the auditor pins its key on purpose.
class AddAnchorDialog : public QDialog {
    Q_OBJECT
public:
    explicit AddAnchorDialog(const QString& filePath, QWidget* parent = nullptr);

    QString label() const;
    QString role() const;
    QString origin() const;
    QStringList providers() const; // one per line, blank lines ignored
    SignerIdentity identity() const;
    void setProviders(const QStringList& providers);
    const AnchorFileInfo& fileInfo() const
    {
        return m_info;
    }
    QString kindText() const; // what the dialog shows the file to be
    QString problemText() const; // why OK is disabled, or empty
    bool pinKey() const;
    void setPinKey(bool pin);
    bool canAccept() const;
    // Reads the file with the entered label/role; the error names the file and the cause.
    Result<TrustAnchor> anchor() const;

    static QString kindText(AnchorFileKind kind);

private:
    void updateState();

    QString m_path;
    AnchorFileInfo m_info;
    QString m_readError;
    QLabel* m_kind;
    QCheckBox* m_pinKey;
    QLabel* m_problem;
    QPushButton* m_ok = nullptr;
    QLineEdit* m_label;
    QComboBox* m_role;
    QLineEdit* m_origin;
    QPlainTextEdit* m_providers;
    QLineEdit* m_san;
    QLineEdit* m_issuer;
};

} // namespace capaudit
