from django.db import migrations, models

import market.encryption


class Migration(migrations.Migration):

    dependencies = [
        ('discounts', '0006_trust_data'),
    ]

    operations = [
        migrations.AlterField(
            model_name='benefitcode',
            name='qr_id_digest',
            field=models.CharField(editable=False, max_length=64, unique=True, verbose_name='QR identifier digest'),
        ),
        migrations.AlterField(
            model_name='benefitcode',
            name='secret',
            field=market.encryption.EncryptedTextField(editable=False, verbose_name='secret'),
        ),
    ]
