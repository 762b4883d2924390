package org.sigmma.ingest.simulate;

/**
 * What a cell touches (the arrangement signal): a T cell touching a tumour cell runs an exhaustion
 * programme and has a smaller, darker nucleus; a tumour cell touching stroma switches to an interface
 * programme and its cytoplasm turns deeply eosinophilic. Both depend on where cells sit, not on how many
 * of each there are.
 */
public enum ContactState {
    NONE("none"),
    T_CELL_TUMOUR_CONTACT("T cell touching tumour"),
    TUMOUR_STROMA_INTERFACE("tumour at stromal interface");

    private final String label;

    ContactState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
