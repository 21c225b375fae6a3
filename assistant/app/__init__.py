"""The Streamlit app (`rapid-review ui`). Pages call `assistant.services`; nothing here holds domain logic."""
