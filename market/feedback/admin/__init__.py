"""The bureau's feedback screens in the Wagtail admin; wagtail_hooks.py registers them."""
