"""The bureau staff's licensing screens in the Wagtail admin; `market/licensing/wagtail_hooks.py` registers them."""
