#include "InvitedCountsDialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>

namespace nps::ui {

InvitedCountsDialog::InvitedCountsDialog(const QVector<WaveInfo> &waves, QWidget *parent)
    : QDialog(parent)
    , m_waves(waves)
{
    setWindowTitle(tr("Invited per wave"));
    setAccessibleName(tr("Invited per wave"));
    auto *layout = new QVBoxLayout(this);
    auto *intro =
        new QLabel(tr("How many people did each wave invite? The response rate is answers divided by "
                      "invitations; aim for 20% or more. Leave \"unknown\" where you do not know."));
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *form = new QFormLayout;
    for (const WaveInfo &wave : waves) {
        auto *spin = new QSpinBox;
        spin->setRange(0, 100000000);
        spin->setSpecialValueText(tr("unknown"));
        spin->setGroupSeparatorShown(true);
        spin->setValue(int(wave.invited.value_or(0)));
        spin->setAccessibleName(tr("Invited for %1").arg(wave.name));
        spin->setToolTip(tr("%1 answers in this wave").arg(QLocale().toString(wave.responses)));
        form->addRow(wave.name, spin);
        m_spins.append(spin);
    }
    layout->addLayout(form);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

QMap<QString, qint64> InvitedCountsDialog::changedCounts() const
{
    QMap<QString, qint64> changed;
    for (int i = 0; i < m_waves.size(); ++i) {
        const qint64 value = m_spins.at(i)->value();
        if (value != m_waves.at(i).invited.value_or(0))
            changed.insert(m_waves.at(i).name, value);
    }
    return changed;
}

} // namespace nps::ui
