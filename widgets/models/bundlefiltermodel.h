// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSortFilterProxyModel>

namespace capaudit {

// Filters the bundle table by free text, kind and verdict; sorts on BundleModel::SortRole.
class BundleFilterModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit BundleFilterModel(QObject* parent = nullptr);

    void setText(const QString& text);
    void setKind(int kind); // int(BundleKind), or -1 for all
    void setVerdict(int verdict); // int(VerdictKind), or -1 for all

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString m_text;
    int m_kind = -1;
    int m_verdict = -1;
};

} // namespace capaudit
