//! The ownership record and its block in a ticket's description.
